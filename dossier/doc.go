// Package dossier is the domain model of a one-stop counter dossier (hồ sơ):
// the parties, the component checklist, fees, the national status list and
// the rules for moving between statuses, and the dossier code.
//
// It imports only the standard library. Sources for the rules are cited on
// the declarations: ../shared/docs/domain.md (§1.3–1.4 statuses, §2 codes,
// §3.2 sync fields) and ../shared/docs/decree118.md (Decree 118/2025, which
// wins where the two differ).
//
// A dossier has an immutable intake part (what the clerk recorded when the
// dossier was received) and an append-only history of events. Corrections to
// intake data are amendment events, never silent edits. Derived fields such
// as the current status, the current appointment and the end of processing
// are kept on the record for fast reporting and are recomputed by Apply.
package dossier
