package account

import "motcua/dossier"

// Action is something a user may be allowed to do.
type Action string

// Actions checked by the desk services. The matrix below is the documented
// permission table (README "Roles and permissions").
const (
	ActReceive         Action = "dossier.receive"          // intake: receive, supplement request, refusal
	ActOverrideMissing Action = "dossier.override-missing" // receive with a missing must-submit component
	ActTransition      Action = "dossier.transition"       // transfer, supplement, result, return, withdraw, stop
	ActApproveExtend   Action = "dossier.approve-extension"
	ActAmend           Action = "dossier.amend"        // audited correction of intake data
	ActAmendClosed     Action = "dossier.amend-closed" // correction of a dossier of a closed day
	ActViewReports     Action = "report.view"
	ActCloseDay        Action = "day.close"
	ActCatalogImport   Action = "catalog.import"
	ActHolidays        Action = "calendar.edit"
	ActSettings        Action = "settings.edit"
	ActUsers           Action = "users.manage"
	ActBackup          Action = "backup.run"
	ActRestore         Action = "backup.restore"
	ActSync            Action = "sync.run"
	ActAudit           Action = "audit.view"
)

// matrix lists what each role may do. Admins manage the system but do not
// receive dossiers or sign off days: separation of duties.
var matrix = map[Role]map[Action]bool{
	RoleClerk: {
		ActReceive: true, ActTransition: true, ActAmend: true, ActSync: true, ActBackup: true,
	},
	RoleSupervisor: {
		ActReceive: true, ActTransition: true, ActAmend: true, ActSync: true, ActBackup: true,
		ActOverrideMissing: true, ActApproveExtend: true, ActAmendClosed: true, ActViewReports: true,
		ActCloseDay: true, ActAudit: true,
	},
	RoleAdmin: {
		ActSync: true, ActBackup: true, ActRestore: true, ActCatalogImport: true, ActHolidays: true,
		ActSettings: true, ActUsers: true, ActAudit: true, ActViewReports: true,
	},
}

// Can reports whether role r may perform a.
func Can(r Role, a Action) bool { return matrix[r][a] }

// Require returns a forbidden error unless r may perform a.
func Require(r Role, a Action) error {
	if Can(r, a) {
		return nil
	}
	return dossier.Errorf(dossier.KindForbidden, "role", "a user with role %s may not %s", r, a)
}

// Matrix returns the permission table (for the README and the admin screen).
func Matrix() map[Role][]Action {
	out := map[Role][]Action{}
	for _, r := range []Role{RoleClerk, RoleSupervisor, RoleAdmin} {
		for _, a := range AllActions() {
			if matrix[r][a] {
				out[r] = append(out[r], a)
			}
		}
	}
	return out
}

// AllActions lists every action in a stable order.
func AllActions() []Action {
	return []Action{ActReceive, ActOverrideMissing, ActTransition, ActApproveExtend, ActAmend, ActAmendClosed,
		ActViewReports, ActCloseDay, ActCatalogImport, ActHolidays, ActSettings, ActUsers, ActBackup, ActRestore, ActSync, ActAudit}
}
