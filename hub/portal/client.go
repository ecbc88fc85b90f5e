package portal

import (
	"bytes"
	"context"
	"encoding/json"
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
}

func (r *reply) ok() bool {
	c := strings.Trim(strings.TrimSpace(string(r.ErrorCode)), `"`)
	return c == "0" || c == "00"
}

// PortalError is an unsuccessful adapter answer.
type PortalError struct {
	Service string
	Code    string
	Message string
}

func (e *PortalError) Error() string {
	return fmt.Sprintf("portal %s: error_code %s: %s", e.Service, e.Code, e.Message)
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
	var r reply
	if err := json.Unmarshal(rb, &r); err != nil {
		return nil, fmt.Errorf("portal adapter: unreadable answer: %w", err)
	}
	return &r, nil
}

func (c *Client) auth(ctx context.Context) error {
	r, err := c.post(ctx, c.AuthPath, map[string]string{"username": c.Username, "password": c.Password})
	if err != nil {
		return err
	}
	if !r.ok() || r.Session == "" {
		return &PortalError{"auth", string(r.ErrorCode), r.Message}
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
		return r, &PortalError{service, string(r.ErrorCode), r.Message}
	}
	return nil, fmt.Errorf("portal %s: the session was refused twice", service)
}

// Push sends one dossier (an update when the portal says it already
// exists, as R1 does) and then its progress items in chunks of 10. It
// reports whether the dossier was sent as an update.
func (c *Client) Push(ctx context.Context, h *HoSo, progress []TienDo) (updated bool, err error) {
	_, err = c.call(ctx, "DongBoHoSoMC", map[string]any{"isUpdating": "False", "data": []*HoSo{h}})
	if pe, ok := err.(*PortalError); ok && strings.Contains(strings.ToLower(pe.Message), "đã tồn tại") {
		updated = true
		_, err = c.call(ctx, "DongBoHoSoMC", map[string]any{"isUpdating": "True", "data": []*HoSo{h}})
	}
	if err != nil {
		return updated, err
	}
	// R2 sends progress only after the dossier upsert succeeded.
	for i := 0; i < len(progress); i += 10 {
		if _, err := c.call(ctx, "CapNhatTienDoHoSoMC", map[string]any{"data": progress[i:min(i+10, len(progress))]}); err != nil {
			return updated, err
		}
	}
	return updated, nil
}
