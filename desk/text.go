package desk

import (
	"strings"

	"motcua/dossier"
	"motcua/vntext"
)

// NFCTrim normalises typed text: NFC (Vietnamese typed composed or
// decomposed is stored composed) and trimmed, inner runs of spaces kept.
func NFCTrim(s string) string { return strings.TrimSpace(vntext.NFC(s)) }

// normaliseParty applies NFCTrim to every text field of p and upper-cases
// nothing: names keep the case the clerk typed or the card gave.
func normaliseParty(p *dossier.Party) {
	p.Name = NFCTrim(p.Name)
	p.Address = NFCTrim(p.Address)
	p.IDNumber = strings.TrimSpace(p.IDNumber)
	p.OldID = strings.TrimSpace(p.OldID)
	p.Phone = strings.TrimSpace(p.Phone)
	p.Email = strings.TrimSpace(p.Email)
	p.TaxCode = strings.TrimSpace(p.TaxCode)
	p.Sex = NFCTrim(p.Sex)
}

// appendErr adds err's domain errors to es.
func appendErr(es dossier.Errors, err error) dossier.Errors {
	switch e := err.(type) {
	case nil:
	case dossier.Errors:
		es = append(es, e...)
	case *dossier.Error:
		es = append(es, e)
	default:
		es = append(es, dossier.Errorf(dossier.KindInvalid, "", "%v", err))
	}
	return es
}
