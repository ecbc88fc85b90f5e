package wire

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"motcua/syncer"
)

// SyncSetting is the "sync" setting: what enrolment taught the desk.
type SyncSetting struct {
	HubURL       string    `json:"hub_url"`
	HubKeyID     string    `json:"hub_key_id"`
	HubPublicKey []byte    `json:"hub_public_key"`
	EnrolledAt   time.Time `json:"enrolled_at"`
	PullCursor   uint64    `json:"pull_cursor,omitempty"`
}

// Sync reads the sync setting; ok is false when the desk is not enrolled.
func (d *Desk) Sync() (SyncSetting, bool, error) {
	var s SyncSetting
	ok, err := d.DB.GetSetting("sync", &s)
	return s, ok && s.HubURL != "", err
}

// SyncKey returns the desk's signing key for sync batches.
func (d *Desk) SyncKey() (syncer.Key, error) {
	_, dk, err := d.Service.Config()
	if err != nil {
		return syncer.Key{}, err
	}
	k, err := d.Service.DeskKey(dk)
	if err != nil {
		return syncer.Key{}, err
	}
	if !k.CanSign() {
		return syncer.Key{}, fmt.Errorf("desk key %s holds no private key", k.ID)
	}
	sk := syncer.Key{Private: k.Private, ID: k.ID}
	return sk, sk.Check()
}

// StartSync starts the background sync worker when the desk is enrolled
// with a hub (nil, nil otherwise): it sends the outbox after every commit
// and on a ticker, pulls the hub's changes through the desk's applier, and
// reports progress. Stop it before closing the desk.
func (d *Desk) StartSync(progress syncer.Progress, log *slog.Logger) (*syncer.Worker, error) {
	s, ok, err := d.Sync()
	if err != nil || !ok {
		return nil, err
	}
	k, err := d.SyncKey()
	if err != nil {
		return nil, err
	}
	c, err := syncer.NewClient(s.HubURL, k, nil, d.Service.Now)
	if err != nil {
		return nil, err
	}
	w, err := syncer.New(syncer.Options{Store: d.DB, Applier: d.Applier(), Client: c, Now: d.Service.Now, Logger: log, Progress: progress})
	if err != nil {
		return nil, err
	}
	d.OnCommit(w.Notify)
	w.Start(context.Background())
	return w, nil
}
