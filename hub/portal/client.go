package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Client forwards dossiers through an LGSP/NGSP adapter (domain.md §3.1 a).
type Client struct {
	// AdapterURL is the adapter's base address; AuthPath and ServicePath
	// its authentication and integration endpoints.
	AdapterURL, AuthPath, ServicePath string
	Username, Password                string
	// DstCode is sent as the "dstcode" header; MaDonVi in every call.
	DstCode, MaDonVi string
	HTTP             *http.Client

	session string
}

// reply is the adapter's answer; error_code may be a number or a string.
type reply struct {
	Session   string          `json:"session"`
	ErrorCode json.RawMessage `json:"error_code"`
	Message   string          `json:"message"`
	Data      json.RawMessage `json:"data"`
}

func (r *reply) ok() bool {
	c := strings.Trim(strings.TrimSpace(string(r.ErrorCode)), `"`)
	return c == "0" || c == "00"
}

func (r *reply) code() string { return strings.Trim(strings.TrimSpace(string(r.ErrorCode)), `"`) }

// parseReply decodes an adapter answer. An answer without error_code is
// not an adapter answer.
func parseReply(b []byte) (*reply, error) {
	var r reply
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("portal adapter: unreadable answer: %w", err)
	}
	if len(r.ErrorCode) == 0 || string(r.ErrorCode) == "null" {
		return nil, fmt.Errorf("portal adapter: the answer has no error_code: %.200s", b)
	}
	return &r, nil
}

// PortalError is an unsuccessful adapter answer: the portal received the
// call and refused it.
type PortalError struct {
	Service string
	Code    string
	Message string
}

func (e *PortalError) Error() string {
	return fmt.Sprintf("portal %s: error_code %s: %s", e.Service, e.Code, e.Message)
}

// IsRejection reports whether err is the portal refusing one dossier (a
// DongBoHoSoMC or CapNhatTienDoHoSoMC call answered with an error), as
// opposed to the portal being unreachable or refusing the credentials,
// which concern every dossier.
func IsRejection(err error) bool {
	var pe *PortalError
	return errors.As(err, &pe) && pe.Service != "auth"
}

func (c *Client) post(ctx context.Context, path string, body any) (*reply, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(c.AdapterURL, "/")+path, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("dstcode", c.DstCode)
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second} // R2 uses a 60 s read timeout
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("portal adapter: %w", err)
	}
	defer resp.Body.Close()
	rb, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return nil, fmt.Errorf("portal adapter: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("portal adapter: HTTP %d: %.200s", resp.StatusCode, rb)
	}
	return parseReply(rb)
}

func (c *Client) auth(ctx context.Context) error {
	r, err := c.post(ctx, c.AuthPath, map[string]string{"username": c.Username, "password": c.Password})
	if err != nil {
		return err
	}
	if !r.ok() || r.Session == "" {
		return &PortalError{"auth", r.code(), r.Message}
	}
	c.session = r.Session
	return nil
}

// call runs a service with the session, authenticating first (and once
// more if the session was refused).
func (c *Client) call(ctx context.Context, service string, extra map[string]any) (*reply, error) {
	for attempt := 0; attempt < 2; attempt++ {
		if c.session == "" {
			if err := c.auth(ctx); err != nil {
				return nil, err
			}
		}
		body := map[string]any{"session": c.session, "madonvi": c.MaDonVi, "service": service}
		for k, v := range extra {
			body[k] = v
		}
		r, err := c.post(ctx, c.ServicePath, body)
		if err != nil {
			return nil, err
		}
		if r.ok() {
			return r, nil
		}
		if strings.Contains(strings.ToLower(r.Message), "session") && attempt == 0 {
			c.session = "" // expired: authenticate again
			continue
		}
		return r, &PortalError{service, r.code(), r.Message}
	}
	return nil, fmt.Errorf("portal %s: the session was refused twice", service)
}

// Answer is what the portal said to a dossier upsert.
type Answer struct {
	// Updated: the dossier went with isUpdating "True".
	Updated bool
	// Message is the portal's last message ("Thành công"…).
	Message string
}

// Upsert sends one dossier with DongBoHoSoMC. With known (the dossier was
// delivered before) it goes as an update (isUpdating "True"); otherwise as
// new, and again as an update when the portal answers that it "đã tồn
// tại" (already exists, as R1 does). When an update is refused, TraCuuHoSo
// (domain.md §3.1 a: used to decide between insert and update) tells
// whether the portal holds the dossier; if it does not, it goes as new.
func (c *Client) Upsert(ctx context.Context, h *HoSo, known bool) (Answer, error) {
	send := func(updating bool) (*reply, error) {
		flag := "False"
		if updating {
			flag = "True"
		}
		return c.call(ctx, "DongBoHoSoMC", map[string]any{"isUpdating": flag, "data": []*HoSo{h}})
	}
	r, err := send(known)
	switch {
	case err == nil:
		return Answer{Updated: known, Message: r.Message}, nil
	case !known && IsRejection(err) && strings.Contains(strings.ToLower(err.(*PortalError).Message), "đã tồn tại"):
		r, err = send(true)
		if err != nil {
			return Answer{Updated: true}, err
		}
		return Answer{Updated: true, Message: r.Message}, nil
	case known && IsRejection(err):
		exists, lerr := c.Lookup(ctx, h.MaHoSo)
		if lerr != nil || exists {
			return Answer{Updated: true}, err
		}
		r, err = send(false)
		if err != nil {
			return Answer{}, err
		}
		return Answer{Message: r.Message}, nil
	}
	return Answer{Updated: known}, err
}

// Lookup asks TraCuuHoSo whether the portal holds a dossier: a successful
// answer with a non-empty data array (or object) means it does.
func (c *Client) Lookup(ctx context.Context, code string) (bool, error) {
	r, err := c.call(ctx, "TraCuuHoSo", map[string]any{"mahoso": code})
	if err != nil {
		return false, err
	}
	d := strings.TrimSpace(string(r.Data))
	return d != "" && d != "null" && d != "[]" && d != "{}", nil
}

// ProgressChunk is how many progress items go in one CapNhatTienDoHoSoMC
// call (R1 pushes chunks of 10, domain.md §3.1 b).
const ProgressChunk = 10

// Progress sends progress items in chunks of ProgressChunk. It returns how
// many were delivered before an error.
func (c *Client) Progress(ctx context.Context, items []TienDo) (int, error) {
	for i := 0; i < len(items); i += ProgressChunk {
		j := min(i+ProgressChunk, len(items))
		if _, err := c.call(ctx, "CapNhatTienDoHoSoMC", map[string]any{"data": items[i:j]}); err != nil {
			return i, err
		}
	}
	return len(items), nil
}

// Push sends one dossier (an update when the portal says it already
// exists, as R1 does) and then its progress items in chunks of 10. It
// reports whether the dossier was sent as an update.
func (c *Client) Push(ctx context.Context, h *HoSo, progress []TienDo) (updated bool, err error) {
	a, err := c.Upsert(ctx, h, false)
	if err != nil {
		return a.Updated, err
	}
	// R2 sends progress only after the dossier upsert succeeded.
	_, err = c.Progress(ctx, progress)
	return a.Updated, err
}
