// Package catalog is the administrative procedure catalog (thủ tục hành
// chính): the procedure model with versions, importers of the national
// formats and of the real published datasets, the compact catalog file
// format of the embedded default catalog, and the Vietnamese search index.
//
// # Model
//
// A Procedure carries the published data (domain.md §4): code, name,
// levels, field, agencies by role, subjects, legal basis, results,
// conditions, steps, decision number; Channels (trực tiếp / trực tuyến /
// bưu chính, numbered as the national KENH codes) each with a processing
// Time (value + unit: working days, days, hours, months, or "none") and
// Fees (VND, 0 = free, -1 = not a VND figure, text kept); Cases (trường
// hợp, "" = default) each with Components (originals, copies, must submit
// or present only, form template). Version holds the content hash (over a
// canonical encoding, import time excluded), the source and the import
// time: re-importing unchanged data gives the same hash, a changed
// procedure a new one.
//
// Nothing is guessed: what a parser cannot read is kept as text (a Time
// with UnitUnparsed and its wording, a Fee with AmountUnknown) and reported
// as a warning in the import Report.
//
// # Import
//
// Import / Importer.Import read files and folders; the format is recognised
// by content: the legacy LayThuTuc packet (also wrapped in {"result": …} or
// a "message" string), the 2025–26 portal JSON (detail and list items),
// the dvcqg-6bo-chatbot-tthc page dataset, the bqp-207-chitiettthc
// dataset and the portal's xlsx procedure lists (list-only entries). The
// import is all or nothing; see Importer.Import for the merge rule.
//
// # Search
//
// NewIndex builds an immutable index; Index.Search ranks exact code, code
// prefix, exact name, phrase, words in order, words in any order, partial.
// Search keys use a private fold (lower case, no diacritics, đ = d) that
// should be replaced by vntext.Fold.
package catalog
