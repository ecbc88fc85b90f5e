package dossier

import "time"

// EventKind names what happened to a dossier.
type EventKind string

// Event kinds. Each status-changing kind has a fixed target status (see
// transitions in transition.go).
const (
	EvReceived           EventKind = "received"             // → 2, intake accepted
	EvRefused            EventKind = "refused"              // → 3, refused at intake (form 03)
	EvGuidance           EventKind = "guidance"             // guidance record created (form 02 at the counter)
	EvTransferred        EventKind = "transferred"          // 2 → 4, paper sent to the handling department (form 06)
	EvSupplementRequest  EventKind = "supplement-requested" // 4 → 5, after appraisal (Decree 118 art. 19.5)
	EvSupplementReceived EventKind = "supplement-received"  // 5 → 4, time limit restarts
	EvObligation         EventKind = "obligation-requested" // 4 → 6
	EvObligationPaid     EventKind = "obligation-paid"      // 6 → 4
	EvResultReady        EventKind = "result-ready"         // 2/4/6 → 9 (approved or refused after appraisal)
	EvReturned           EventKind = "returned"             // 9 → 10
	EvWithdrawn          EventKind = "withdrawn"            // → 7, applicant withdraws
	EvStopped            EventKind = "stopped"              // → 8, stop notice (form 05), incl. closure 15 days after an unanswered supplement request
	EvExtended           EventKind = "extended"             // new appointment after the apology letter (form 04), once
	EvAmended            EventKind = "amended"              // audited correction of intake data
	EvNote               EventKind = "note"                 // free note on the timeline
	EvPurged             EventKind = "purged"               // personal data removed at the end of the retention period
)

// Event is one entry of a dossier's history. Fields beyond Kind, At, Actor,
// From and To are used by the kinds that need them.
type Event struct {
	Kind  EventKind `json:"kind"`
	At    time.Time `json:"at"`
	Actor string    `json:"actor"`
	// Desk is where the event was recorded.
	Desk string `json:"desk,omitempty"`
	From Status `json:"from"`
	To   Status `json:"to"`
	Note string `json:"note,omitempty"`

	// Department: transfer target, or the department that sent the result.
	Department string `json:"department,omitempty"`
	// Appointment: the new appointment (extension, restart after a
	// supplement).
	Appointment time.Time `json:"appointment,omitzero"`
	// Items: the components requested (supplement).
	Items []string `json:"items,omitempty"`
	// Approver: the supervisor who approved (extension, override).
	Approver string `json:"approver,omitempty"`
	// Result: approved or refused after appraisal (result ready).
	Result ResultKind `json:"result,omitempty"`
	// Amount: financial obligation requested, or fees collected at return
	// (đồng).
	Amount int64 `json:"amount,omitempty"`
	// Collector: who collected the result (returned).
	Collector *Collector `json:"collector,omitempty"`
	// Amend: the correction (amended).
	Amend *Amendment `json:"amend,omitempty"`
}

// Collector is the person who collected a result.
type Collector struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number,omitempty"`
	// IDChecked: the clerk checked the identity document against the
	// receipt (Decree 118 art. 6.2.b).
	IDChecked bool `json:"id_checked"`
	// Authorised: collected on the owner's behalf.
	Authorised bool `json:"authorised,omitempty"`
}

// Amendment is a correction to intake data. Field is a JSON path of the
// dossier ("submitter.phone"); Old and New are the values as text.
type Amendment struct {
	Field  string `json:"field"`
	Old    string `json:"old"`
	New    string `json:"new"`
	Reason string `json:"reason"`
}
