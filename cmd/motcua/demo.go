package main

import (
	"fmt"
	"os"

	"motcua/account"
	"motcua/desk"
	"motcua/ui"
	"motcua/wire"
)

// Demo data (MOTCUA_DEMO_SETUP=1): a clearly marked demo office for
// screenshots and training. It is only ever written to an empty database.
const (
	demoAgencyCode = "000.00.00.DEMO"
	demoPassword   = "demo2026"
)

var demoUsers = []desk.UserRequest{
	{Username: "canbo.demo", Name: "Nguyễn Thị Lan (mẫu)", Role: account.RoleClerk},
	{Username: "lanhdao.demo", Name: "Trần Văn Hùng (mẫu)", Role: account.RoleSupervisor},
}

// demoSetup sets an unconfigured desk up with demo values and users.
func demoSetup(d *wire.Desk) error {
	ok, err := d.Service.Configured()
	if err != nil || ok {
		return err // a configured database is never touched
	}
	o := desk.DefaultOffice()
	o.ParentAgency = "UBND TỈNH MẪU (DỮ LIỆU DEMO)"
	o.Name = "Bộ phận Một cửa UBND xã Mẫu — bản demo"
	o.AgencyCode = demoAgencyCode
	o.Place = "Thanh Hóa"
	o.Address = "Số 1 đường Mẫu, xã Mẫu (địa chỉ demo)"
	o.LookupURL = "https://example.invalid/tra-cuu"
	err = d.Service.Setup(desk.SetupRequest{Office: o, Desk: desk.Desk{ID: "quay-01", Number: 1, Slot: 1},
		AdminUsername: "quantri.demo", AdminName: "Quản trị viên (mẫu)", AdminPassword: demoPassword})
	if err != nil {
		return err
	}
	admin, err := d.Service.Login("quantri.demo", demoPassword)
	if err != nil {
		return err
	}
	for _, u := range demoUsers {
		u.Password = demoPassword
		if err := d.Service.SaveUser(admin, u); err != nil {
			return err
		}
		// Demo users skip the first-login password change.
		x, _, err := d.DB.GetUser(u.Username)
		if err != nil {
			return err
		}
		x.MustChange = false
		if err := d.DB.PutUser(x, account.Audit{Actor: "demo", Action: "user.demo", Object: x.Username}); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "motcua: DEMO desk set up (agency %s); users quantri.demo, canbo.demo, lanhdao.demo, password %s\n", demoAgencyCode, demoPassword)
	return nil
}

// demoLogin logs a demo user in and opens a screen; only on a demo desk.
func demoLogin(d *wire.Desk, u *ui.UI, user string) {
	o, _, err := d.Service.Config()
	if err != nil || o.AgencyCode != demoAgencyCode {
		fmt.Fprintln(os.Stderr, "motcua: MOTCUA_DEMO_LOGIN ignored: this is not a demo desk")
		return
	}
	if err := u.Login(user, demoPassword); err != nil {
		fmt.Fprintln(os.Stderr, "motcua: demo login:", err)
		return
	}
	if s := os.Getenv("MOTCUA_DEMO_SCREEN"); s != "" {
		u.Navigate(ui.NavID(s))
	}
	if q := os.Getenv("MOTCUA_DEMO_QUERY"); q != "" {
		if s, ok := u.Current().(interface{ SetQuery(string) }); ok {
			s.SetQuery(q)
		}
	}
}
