package account

import (
	"testing"
	"time"
)

func TestLockout(t *testing.T) {
	p := DefaultPolicy()
	u := &User{Username: "clerk1"}
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	for i := 1; i < p.MaxFailures; i++ {
		if u.LoginFailed(p, now) {
			t.Fatalf("locked after %d failures", i)
		}
	}
	if !u.LoginFailed(p, now) || !u.Locked(now.Add(time.Minute)) {
		t.Fatal("not locked after MaxFailures")
	}
	if u.Locked(now.Add(p.LockFor)) {
		t.Fatal("still locked after LockFor")
	}
	u.LoginSucceeded()
	if u.Failed != 0 || u.Locked(now) {
		t.Fatal("success did not clear")
	}
}

func TestPermissions(t *testing.T) {
	want := map[Role]map[Action]bool{
		RoleClerk:      {ActReceive: true, ActTransition: true, ActOverrideMissing: false, ActCloseDay: false, ActUsers: false, ActApproveExtend: false},
		RoleSupervisor: {ActReceive: true, ActOverrideMissing: true, ActApproveExtend: true, ActCloseDay: true, ActUsers: false, ActSettings: false},
		RoleAdmin:      {ActUsers: true, ActSettings: true, ActRestore: true, ActReceive: false, ActCloseDay: false},
	}
	for r, m := range want {
		for a, ok := range m {
			if Can(r, a) != ok {
				t.Errorf("Can(%s, %s) = %v, want %v", r, a, !ok, ok)
			}
			if err := Require(r, a); (err == nil) != ok {
				t.Errorf("Require(%s, %s) = %v", r, a, err)
			}
		}
	}
	if Can("visitor", ActReceive) {
		t.Fatal("unknown role allowed")
	}
}

func TestPasswordPolicy(t *testing.T) {
	p := DefaultPolicy()
	for pw, ok := range map[string]bool{"short1": false, "abcdefghij": false, "1234567890": false, "clerk1abc9": false, "Hoa-sen-2026": true, "mật khẩu 7": true} {
		if err := p.ValidatePassword(pw, "clerk1"); (err == nil) != ok {
			t.Errorf("%q: %v", pw, err)
		}
	}
	for u, ok := range map[string]bool{"clerk1": true, "ab": false, "Clerk": false, "le.thi-binh_2": true, "tên": false} {
		if err := ValidateUsername(u); (err == nil) != ok {
			t.Errorf("%q: %v", u, err)
		}
	}
}
