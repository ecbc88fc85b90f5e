// Package syncer is the desk side of sync: a background worker that sends
// the outbox to the provincial hub in signed batches and pulls the changes
// made at the hub, the HTTP client for the hub's API (push, pull, office
// queries, enrolment) and the USB bundle export and import.
//
// It never imports the store: the desk database comes in through the Store
// interface (which *store.DB satisfies) and pulled changes go out through
// the Applier the desk service implements. Sync never blocks the UI: every
// call the UI makes (Notify, SyncNow, Status) returns at once, and a bad
// event goes to the quarantine instead of holding back the rest
// (../shared/docs/peers.md §1.4 and §5.9).
package syncer

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"motcua/syncproto"
)

// Key is the desk's Ed25519 signing key and its id (first 8 hex digits of
// SHA-256 of the public key, the receipt package's naming).
type Key struct {
	Private ed25519.PrivateKey
	ID      string
}

// Check verifies that the id names the key.
func (k Key) Check() error {
	if len(k.Private) != ed25519.PrivateKeySize {
		return fmt.Errorf("the desk key is missing or is not an Ed25519 private key")
	}
	if want := syncproto.KeyIDOf(k.Public()); k.ID != want {
		return fmt.Errorf("key id %q does not name the desk key (its id is %s)", k.ID, want)
	}
	return nil
}

// Public returns the public key.
func (k Key) Public() ed25519.PublicKey { return k.Private.Public().(ed25519.PublicKey) }

// HubError is an error answer from the hub.
type HubError struct {
	Status int
	Code   string // syncproto.ErrorBody.Code
	Msg    string
}

func (e *HubError) Error() string {
	return fmt.Sprintf("hub refused (%d %s): %s", e.Status, e.Code, e.Msg)
}

// Transient reports whether trying again later may succeed: the hub or
// the network is down or overloaded. Other refusals (unknown desk, forged
// signature, stale incarnation, bad token) need a person.
func (e *HubError) Transient() bool {
	return e.Status >= 500 || e.Status == http.StatusTooManyRequests || e.Status == http.StatusRequestTimeout
}

// IsTransient reports whether err is worth retrying automatically: network
// failures and transient hub answers.
func IsTransient(err error) bool {
	var he *HubError
	if errors.As(err, &he) {
		return he.Transient()
	}
	var pe *protocolError
	return !errors.As(err, &pe) && !errors.Is(err, context.Canceled)
}

// protocolError marks an answer the desk cannot use (not transient).
type protocolError struct{ err error }

func (e *protocolError) Error() string { return "unusable answer from the hub: " + e.err.Error() }
func (e *protocolError) Unwrap() error { return e.err }

// Client talks to one hub.
type Client struct {
	base *url.URL
	http *http.Client
	key  Key
	now  func() time.Time
	// Gzip compresses batch bodies (default true): provincial links are
	// slow and dossier JSON compresses well.
	Gzip bool
}

// NewClient returns a client for the hub at hubURL signing with key. hc
// may be nil (a client with a 60 s timeout); now may be nil (time.Now).
func NewClient(hubURL string, key Key, hc *http.Client, now func() time.Time) (*Client, error) {
	u, err := parseHubURL(hubURL)
	if err != nil {
		return nil, err
	}
	if err := key.Check(); err != nil {
		return nil, err
	}
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	if now == nil {
		now = time.Now
	}
	return &Client{base: u, http: hc, key: key, now: now, Gzip: true}, nil
}

func parseHubURL(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(s), "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("hub URL %q must be an http(s) address such as https://hub.example:8443", s)
	}
	return u, nil
}

func (c *Client) endpoint(path string, q url.Values) *url.URL {
	u := *c.base
	u.Path = strings.TrimRight(u.Path, "/") + path
	u.RawQuery = q.Encode()
	return &u
}

// do sends a request and returns the body of a 2xx (or accepted 409)
// answer; other answers become *HubError.
func do(ctx context.Context, hc *http.Client, req *http.Request, accept409 bool) ([]byte, int, error) {
	req = req.WithContext(ctx)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("hub %s: %w", req.URL.Host, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return nil, resp.StatusCode, fmt.Errorf("hub %s: reading the answer: %w", req.URL.Host, err)
	}
	var eb syncproto.ErrorBody
	isErr := json.Unmarshal(b, &eb) == nil && eb.Error != ""
	if resp.StatusCode/100 == 2 || (accept409 && resp.StatusCode == http.StatusConflict && !isErr) {
		return b, resp.StatusCode, nil
	}
	if !isErr {
		eb = syncproto.ErrorBody{Error: strings.TrimSpace(string(b[:min(len(b), 200)])), Code: "http"}
	}
	return nil, resp.StatusCode, &HubError{Status: resp.StatusCode, Code: eb.Code, Msg: eb.Error}
}

// PushBatch sends an encoded, signed batch and returns the hub's
// acknowledgement (a 409 answer with a conflict still carries one).
func (c *Client) PushBatch(ctx context.Context, raw []byte) (*syncproto.BatchAck, error) {
	body := raw
	var buf bytes.Buffer
	if c.Gzip {
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		zw.Write(raw)
		zw.Close()
		body = buf.Bytes()
	}
	req, err := http.NewRequest(http.MethodPost, c.endpoint("/v1/batches", nil).String(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-motcua-batch")
	if c.Gzip {
		req.Header.Set("Content-Encoding", "gzip")
	}
	b, status, err := do(ctx, c.http, req, true)
	if err != nil {
		return nil, err
	}
	ack, err := syncproto.DecodeBatchAck(b)
	if err != nil {
		return nil, &protocolError{fmt.Errorf("acknowledgement (HTTP %d): %w", status, err)}
	}
	return ack, nil
}

// get sends a desk-signed GET and decodes the JSON answer into v.
func (c *Client) get(ctx context.Context, path string, q url.Values, v any) error {
	u := c.endpoint(path, q)
	req, err := http.NewRequest(http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", syncproto.SignRequest(c.key.Private, c.key.ID, http.MethodGet, u.RequestURI(), c.now(), nil))
	b, _, err := do(ctx, c.http, req, false)
	if err != nil {
		return err
	}
	if dec, ok := v.(*syncproto.PullResponse); ok {
		p, err := syncproto.DecodePull(b)
		if err != nil {
			return &protocolError{err}
		}
		*dec = *p
		return nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return &protocolError{fmt.Errorf("%s: %w", path, err)}
	}
	return nil
}

// Pull returns the changes made at the hub after cursor.
func (c *Client) Pull(ctx context.Context, after uint64, limit int) (*syncproto.PullResponse, error) {
	return c.pull(ctx, after, limit, false)
}

// PullWithFloors is Pull with the hub's code floors in the answer
// (syncproto.PullResponse.CodeFloors).
func (c *Client) PullWithFloors(ctx context.Context, after uint64, limit int) (*syncproto.PullResponse, error) {
	return c.pull(ctx, after, limit, true)
}

func (c *Client) pull(ctx context.Context, after uint64, limit int, floors bool) (*syncproto.PullResponse, error) {
	var p syncproto.PullResponse
	q := url.Values{"after": {strconv.FormatUint(after, 10)}}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if floors {
		q.Set("floors", "1")
	}
	if err := c.get(ctx, "/v1/pull", q, &p); err != nil {
		return nil, err
	}
	if p.After != after {
		return nil, &protocolError{fmt.Errorf("pull answered after=%d, asked %d", p.After, after)}
	}
	return &p, nil
}

// Counts asks the hub for office-wide counts of dossiers received between
// from and to (YYYY-MM-DD), grouped by dimensions of syncproto.CountDims.
func (c *Client) Counts(ctx context.Context, from, to string, by ...string) (*syncproto.Counts, error) {
	var out syncproto.Counts
	q := url.Values{"from": {from}, "to": {to}}
	if len(by) > 0 {
		q.Set("by", strings.Join(by, ","))
	}
	return &out, c.get(ctx, "/v1/office/counts", q, &out)
}

// Day lists the office's dossiers received on a day (YYYY-MM-DD).
func (c *Client) Day(ctx context.Context, date string) (*syncproto.DayList, error) {
	var out syncproto.DayList
	return &out, c.get(ctx, "/v1/office/day", url.Values{"date": {date}}, &out)
}

// Dossier returns the hub's current state of one dossier of the office.
func (c *Client) Dossier(ctx context.Context, code string) (*syncproto.DossierRecord, error) {
	var out syncproto.DossierRecord
	return &out, c.get(ctx, "/v1/office/dossiers/"+url.PathEscape(code), nil, &out)
}

// Enroll registers the desk with the hub using a one-time token (issued by
// "motcua-hub enroll --office CODE"). req carries the token, the desk's
// public key and key id, install and incarnation ids, office code and code
// slot. hc may be nil.
func Enroll(ctx context.Context, hubURL string, req syncproto.EnrollRequest, hc *http.Client) (*syncproto.EnrollResponse, error) {
	u, err := parseHubURL(hubURL)
	if err != nil {
		return nil, err
	}
	if err := req.Check(); err != nil {
		return nil, err
	}
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/v1/enroll"
	hr, err := http.NewRequest(http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	hr.Header.Set("Content-Type", "application/json")
	b, _, err := do(ctx, hc, hr, false)
	if err != nil {
		return nil, err
	}
	resp, err := syncproto.DecodeEnrollResponse(b)
	if err != nil {
		return nil, &protocolError{err}
	}
	if resp.Office != req.Office || resp.Slot != req.Slot {
		return nil, &protocolError{fmt.Errorf("enrolment confirmed office %s slot %d, asked %s slot %d", resp.Office, resp.Slot, req.Office, req.Slot)}
	}
	return resp, nil
}
