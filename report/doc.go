// Package report computes the supervisor's views of a one-stop desk from a
// stream of per-dossier facts: the day/range dashboard, the period report
// Biểu II.06a/VPCP/KSTT by field (lĩnh vực), the daily close record and the
// rows of the tracking book (Sổ theo dõi hồ sơ).
//
// It is a domain package: standard library and the module's domain
// packages only. Storage comes in through the Source interface (the
// adapter for the desk store is report/storesrc); names of fields and
// procedures through Names (the catalog).
//
// # Timeliness rules
//
// Two comparisons are used, and every output says which one it uses:
//
//   - The 766 rule (Decision 766/QĐ-TTg indicator 2.1, domain.md §3.3):
//     the end time is compared with the appointment to the second,
//     on time ⇔ end ≤ appointment. Timeliness.OnTime766.
//   - R1's date-only rule for Biểu II.06a (domain.md §7.2): the calendar
//     dates (UTC+7) of the end and the appointment are compared: earlier
//     date = trước hạn, same date = đúng hạn, later date = quá hạn.
//     Timeliness.Bucket.
//
// They can disagree: a result ready at 16:00 on the appointment day when
// the appointment was 10:00 is late by the 766 rule and đúng hạn on the
// II.06a form. The rest of the evaluation (which time is the end, what a
// supplement request does, dossiers without a deadline) is shared and
// documented on Judge.
//
// # Drill-down
//
// Every number is a Cell holding the ids of the records behind it, so a
// screen can list the dossiers of any cell (store DossierByID). The
// classification functions (Judge, PeriodColumns, Intake) are exported so
// a caller can also re-run the same test as a filter predicate.
package report
