package desk

import (
	"crypto/rand"
	"errors"
	"fmt"

	"motcua/account"
	"motcua/dossier"
	"motcua/receipt"
)

// RotateKey gives this desk a new signing key (administrators only), for a
// desk whose key id collides with another desk's at the hub or in a
// trusted-key file, or whose key may have leaked. The new key signs every
// receipt QR code and sync batch from now on. The old key stays trusted
// with its public half only (the private seed is dropped), so receipts
// printed before still verify and nothing can be signed with it again.
//
// Afterwards the new public key must be given to the other desks
// (motcuactl receipt key export) and the desk re-enrolled with the hub.
// An empty old key means the desk had none (or its record was missing).
func (s *Service) RotateKey(sess *Session, rnd func() (receipt.Key, error)) (old, fresh receipt.Key, err error) {
	if err := account.Require(sess.User.Role, account.ActSettings); err != nil {
		return old, fresh, err
	}
	if rnd == nil {
		rnd = func() (receipt.Key, error) { return receipt.NewKey(rand.Reader, deskKeyName(sess.Desk, sess.Office)) }
	}
	old, err = s.DeskKey(sess.Desk)
	var de *dossier.Error
	if err != nil && !(errors.As(err, &de) && de.Kind == dossier.KindNotFound) {
		return old, fresh, err
	}
	// A new id must not name any key this desk already knows.
	for try := 0; ; try++ {
		if fresh, err = rnd(); err != nil {
			return old, fresh, err
		}
		var have receipt.Record
		taken, err := s.Store.GetKey(fresh.ID, &have)
		if err != nil {
			return old, fresh, err
		}
		if !taken {
			break
		}
		if try == 9 {
			return old, fresh, dossier.Errorf(dossier.KindInternal, "key_id", "could not draw a key id not already in use")
		}
	}
	now := s.now()
	if err := s.Store.PutKey(fresh.ID, fresh.Record(receipt.OriginLocal, now), account.Audit{Actor: sess.Actor(), Action: "key.create", Object: fresh.ID, Detail: "desk signing key (replaces " + orNone(old.ID) + ")"}); err != nil {
		return old, fresh, err
	}
	d := sess.Desk
	d.KeyID = fresh.ID
	if err := s.Store.PutSetting(SettingDesk, d, account.Audit{Actor: sess.Actor(), Action: "settings.desk", Object: d.ID, Detail: "signing key " + fresh.ID}); err != nil {
		return old, fresh, err
	}
	sess.Desk = d
	if old.ID != "" {
		var rec receipt.Record
		if _, err := s.Store.GetKey(old.ID, &rec); err != nil {
			return old, fresh, err
		}
		rec.Private = ""
		if err := s.Store.PutKey(old.ID, rec, account.Audit{Actor: sess.Actor(), Action: "key.retire", Object: old.ID, Detail: fmt.Sprintf("replaced by %s; kept to verify earlier receipts", fresh.ID)}); err != nil {
			return old, fresh, err
		}
	}
	return old, fresh, nil
}

func orNone(id string) string {
	if id == "" {
		return "none"
	}
	return id
}
