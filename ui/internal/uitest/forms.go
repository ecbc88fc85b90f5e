package uitest

import (
	"image"
	"image/color"

	"motcua/dossier"
)

// Forms is a forms fake (the forms package is wired by the integrator): it
// records preview and print calls as "form label" ("form label copy" for a
// reprint), the label being the code or the guidance number, and answers
// with Fail.
type Forms struct {
	Previews []string
	Prints   []string
	Fail     error
}

// Preview records the call and returns a small white page with one black
// dot.
func (f *Forms) Preview(d *dossier.Dossier, form string) (image.Image, error) {
	f.Previews = append(f.Previews, form+" "+label(d))
	img := image.NewNRGBA(image.Rect(0, 0, 21, 29))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.Set(1, 1, color.Black)
	return img, f.Fail
}

// Print records the call.
func (f *Forms) Print(d *dossier.Dossier, form string, copy bool) error {
	c := ""
	if copy {
		c = " copy"
	}
	f.Prints = append(f.Prints, form+" "+label(d)+c)
	return f.Fail
}

func label(d *dossier.Dossier) string {
	if d.Kind == dossier.KindGuidance {
		return d.GuidanceNo
	}
	return string(d.Code)
}
