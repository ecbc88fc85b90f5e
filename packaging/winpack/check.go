package main

import (
	"bytes"
	"debug/pe"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Subsystems (winnt.h).
const (
	subsystemGUI     = 2
	subsystemConsole = 3
)

// Check verifies that an executable carries the resources scripts/windows.sh
// embeds for kind k of app a: amd64, the right subsystem, the icon group
// with every size in IconSizes (not blank), VERSIONINFO with the app's
// version and strings, and exactly the generated manifest. It returns a
// one-line summary, or every problem found.
func Check(info *PEInfo, a App, k Kind) (string, error) {
	var probs []string
	bad := func(f string, args ...any) { probs = append(probs, fmt.Sprintf(f, args...)) }

	if info.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		bad("machine is %#x, want amd64 (%#x)", info.Machine, pe.IMAGE_FILE_MACHINE_AMD64)
	}
	wantSub := uint16(subsystemConsole)
	if k.GUI {
		wantSub = subsystemGUI
	}
	if info.Subsystem != wantSub {
		bad("subsystem is %d, want %d (GUI 2: built with -H=windowsgui; console 3)", info.Subsystem, wantSub)
	}

	groups, err := info.IconGroups()
	var sizes []int
	switch {
	case err != nil:
		bad("icons: %v", err)
	case len(groups) == 0:
		bad("no icon group (RT_GROUP_ICON): the exe would show the generic icon")
	default:
		if groups[0].Name.Name != iconName {
			bad("first icon group is %s, want %s (Explorer and GLFW use it)", groups[0].Name, iconName)
		}
		for _, img := range groups[0].Images {
			if img.W != img.H {
				bad("icon image %d×%d is not square", img.W, img.H)
			}
			if blank(img) {
				bad("icon image %d×%d is blank", img.W, img.H)
			}
			sizes = append(sizes, img.W)
		}
		for _, s := range IconSizes {
			if !slices.Contains(sizes, s) {
				bad("icon group lacks the %d×%d image", s, s)
			}
		}
	}

	vers := info.Find(rtVersion)
	var vi *VersionInfo
	if len(vers) != 1 {
		bad("%d version resources (RT_VERSION), want 1", len(vers))
	} else if vi, err = ParseVersionInfo(vers[0].Data); err != nil {
		bad("version resource: %v", err)
	} else {
		if v4 := a.Version4(); vi.FileVersion != v4 || vi.ProductVersion != v4 {
			bad("fixed version is file %v, product %v; want %v", vi.FileVersion, vi.ProductVersion, v4)
		}
		for _, s := range VersionStrings(a, k) {
			if got, ok := vi.Strings[s.K]; !ok {
				bad("version string %s is missing", s.K)
			} else if got != s.V {
				bad("version string %s is %q, want %q", s.K, got, s.V)
			}
		}
		if !slices.Contains(vi.Translation, uint32(langID)<<16|codepage) {
			bad("VarFileInfo translation %x lacks %04x/%d", vi.Translation, langID, codepage)
		}
	}

	var man []byte
	for _, r := range info.Find(rtManifest) {
		if r.Name.Name == "" && r.Name.ID == manifestID {
			man = r.Data
		}
	}
	want := Manifest(a, k)
	switch {
	case man == nil:
		bad("no application manifest (RT_MANIFEST 1)")
	case !bytes.Equal(man, want):
		bad("manifest differs from the generated one:\n%s", man)
	}
	if err := wellFormed(man); man != nil && err != nil {
		bad("manifest is not well-formed XML: %v", err)
	}

	if len(probs) > 0 {
		return "", errors.New(strings.Join(probs, "\n"))
	}
	dpi := "no DPI setting (console)"
	if k.GUI {
		dpi = "DPI PerMonitorV2, common controls 6"
	}
	return fmt.Sprintf("%s: %s %s (%s), icon %v, %s", k.Exe, vi.Strings["ProductName"], a.Dotted4(),
		vi.Strings["CompanyName"], sizes, dpi), nil
}

// blank reports whether an icon image has no visible pixel.
func blank(img IconImage) bool {
	b := img.Img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.Img.At(x, y).RGBA(); a != 0 {
				return false
			}
		}
	}
	return true
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
