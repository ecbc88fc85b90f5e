package uitest

import (
	"testing"

	"motcua/account"
	"motcua/desk"
	"motcua/pwhash"
)

// Passwords of the users of BaDinh's desk.
const (
	AdminPass = "Quantri-2026"
	ClerkPass = "Tiepnhan-01"
	SupPass   = "Giamsat-01"
)

// Users of BaDinh's desk, for SetUp.
var (
	Clerk1 = desk.UserRequest{Username: "clerk1", Name: "Lê Thị Bình", Role: account.RoleClerk, Password: ClerkPass}
	Clerk2 = desk.UserRequest{Username: "clerk2", Name: "Phạm Văn Dũng", Role: account.RoleClerk, Password: ClerkPass}
	Sup1   = desk.UserRequest{Username: "sup1", Name: "Trần Văn Cường", Role: account.RoleSupervisor, Password: SupPass}
)

// Hasher is the real password hasher at its lowest cost.
var Hasher = pwhash.Argon2id{MemoryKiB: 64, Passes: 1, Lanes: 1}

// BaDinh is the first-run set-up of the desks with a real store: desk
// quay-01 of the Bộ phận Một cửa of UBND phường Ba Đình, administrator
// "admin".
func BaDinh() desk.SetupRequest {
	o := desk.DefaultOffice()
	o.Name, o.ParentAgency, o.AgencyCode, o.Place = "Bộ phận Một cửa UBND phường Ba Đình", "UBND PHƯỜNG BA ĐÌNH", "000.00.06.H56", "Hà Nội"
	o.LookupURL = "https://dichvucong.example.vn/tra-cuu"
	return desk.SetupRequest{Office: o, Desk: desk.Desk{ID: "quay-01", Number: 1, Slot: 1}, AdminUsername: "admin", AdminName: "Quản Trị", AdminPassword: AdminPass}
}

// QuangPhu is the first-run set-up of the shell and admin tests: desk
// quay-03 of the Bộ phận Một cửa of UBND xã Quảng Phú, administrator
// "quantri".
func QuangPhu() desk.SetupRequest {
	o := desk.DefaultOffice()
	o.ParentAgency, o.Name, o.AgencyCode, o.Place = "UBND TỈNH THANH HÓA", "Bộ phận Một cửa UBND xã Quảng Phú", "000.00.12.H56", "Thanh Hóa"
	return desk.SetupRequest{Office: o, Desk: desk.Desk{ID: "quay-03", Number: 3, Slot: 3},
		AdminUsername: "quantri", AdminName: "Trần Văn Quản", AdminPassword: "matkhau2026"}
}

// SetUp runs the first-run set-up req on svc, logs the administrator in,
// adds users through it, and returns the administrator's session.
func SetUp(t testing.TB, svc *desk.Service, req desk.SetupRequest, users ...desk.UserRequest) *desk.Session {
	t.Helper()
	if err := svc.Setup(req); err != nil {
		t.Fatal(err)
	}
	admin := Login(t, svc, req.AdminUsername, req.AdminPassword)
	for _, u := range users {
		if err := svc.SaveUser(admin, u); err != nil {
			t.Fatal(err)
		}
	}
	return admin
}

// Login logs a user in, failing the test if it cannot.
func Login(t testing.TB, svc *desk.Service, username, password string) *desk.Session {
	t.Helper()
	s, err := svc.Login(username, password)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// CheckAtEnd registers the end of a test with a real store: check (the
// store's own consistency check, as its problems) must find nothing, then
// the store is closed. The store itself stays with the caller (ui code may
// not import it).
func CheckAtEnd[P any](t testing.TB, check func() ([]P, error), close func() error) {
	t.Helper()
	t.Cleanup(func() {
		problems, err := check()
		if err != nil || len(problems) > 0 {
			t.Errorf("store check: %v %v", err, problems)
		}
		close()
	})
}
