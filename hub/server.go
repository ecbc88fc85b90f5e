package hub

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"motcua/dossier"
	"motcua/syncproto"
)

// HTTP API (JSON unless noted; errors are syncproto.ErrorBody):
//
//	GET  /v1/health                        liveness and schema version
//	POST /v1/enroll                        EnrollRequest → EnrollResponse
//	POST /v1/batches                       signed batch (application/x-motcua-batch, gzip allowed) → BatchAck (200, or 409 with a conflict)
//	GET  /v1/pull?after=N&limit=M[&floors=1] desk-signed → PullResponse (floors=1: with code floors)
//	GET  /v1/office/counts?from=&to=&by=   desk-signed → Counts
//	GET  /v1/office/day?date=YYYY-MM-DD    desk-signed → DayList
//	GET  /v1/office/dossiers/{code}        desk-signed → DossierRecord
//	POST /v1/dossiers/{code}/events        API key; dossier.Event → Change (a department's status change)
//	POST /v1/publish/{kind}[?office=CODE]  API key; raw catalog file or holiday year table → Change
const (
	maxJSONBody    = 1 << 20
	maxPublishBody = 64 << 20
)

// Handler returns the hub's HTTP API.
func (h *Hub) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/health", h.health)
	mux.HandleFunc("POST /v1/enroll", h.handleEnroll)
	mux.HandleFunc("POST /v1/batches", h.handleBatch)
	mux.HandleFunc("GET /v1/pull", h.deskGET(h.handlePull))
	mux.HandleFunc("GET /v1/office/counts", h.deskGET(h.handleCounts))
	mux.HandleFunc("GET /v1/office/day", h.deskGET(h.handleDay))
	mux.HandleFunc("GET /v1/office/dossiers/{code}", h.deskGET(h.handleDossier))
	mux.HandleFunc("POST /v1/dossiers/{code}/events", h.handleDossierEvent)
	mux.HandleFunc("POST /v1/publish/{kind}", h.handlePublish)
	return mux
}

func (h *Hub) health(w http.ResponseWriter, r *http.Request) {
	v, err := SchemaVersion(r.Context(), h.pool)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "schema": v, "hub_key_id": h.keyID, "time": h.now().UTC()})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encode response","code":"internal"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}

func (h *Hub) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, code := statusOf(err)
	msg := err.Error()
	if status == http.StatusInternalServerError {
		h.log.Error("request failed", "path", r.URL.Path, "err", err)
		msg = "internal error at the hub (see its log)"
	} else {
		h.log.Warn("request refused", "path", r.URL.Path, "status", status, "code", code)
	}
	writeJSON(w, status, syncproto.ErrorBody{Error: msg, Code: code})
}

// readBody reads a request body within limit, undoing gzip.
func readBody(r *http.Request, limit int64) ([]byte, error) {
	var rd io.Reader = r.Body
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			return nil, errf(http.StatusBadRequest, "malformed", "gzip body: %v", err)
		}
		defer zr.Close()
		rd = zr
	}
	b, err := io.ReadAll(io.LimitReader(rd, limit+1))
	if err != nil {
		return nil, errf(http.StatusBadRequest, "malformed", "reading the body: %v", err)
	}
	if int64(len(b)) > limit {
		return nil, errf(http.StatusRequestEntityTooLarge, "malformed", "the body is larger than %d bytes", limit)
	}
	return b, nil
}

func (h *Hub) handleEnroll(w http.ResponseWriter, r *http.Request) {
	b, err := readBody(r, maxJSONBody)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	req, err := syncproto.DecodeEnrollRequest(b)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	resp, err := h.Enroll(r.Context(), req)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (h *Hub) handleBatch(w http.ResponseWriter, r *http.Request) {
	b, err := readBody(r, syncproto.MaxBatchBytes)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.Ingest(r.Context(), b)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if res.Ack.Conflicts() {
		status = http.StatusConflict
	}
	writeJSON(w, status, res.Ack)
}

// deskGET wraps a handler that needs a desk-signed GET.
func (h *Hub) deskGET(fn func(ctx context.Context, d *desk, r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d, err := h.authDesk(r.Context(), r, nil)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v, err := fn(r.Context(), d, r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	}
}

func uintParam(r *http.Request, name string, def uint64) (uint64, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	v, err := strconv.ParseUint(s, 10, 63)
	if err != nil {
		return 0, errf(http.StatusBadRequest, "malformed", "%s must be a non-negative integer, got %q", name, s)
	}
	return v, nil
}

func (h *Hub) handlePull(ctx context.Context, d *desk, r *http.Request) (any, error) {
	after, err := uintParam(r, "after", 0)
	if err != nil {
		return nil, err
	}
	limit, err := uintParam(r, "limit", syncproto.MaxPullChanges)
	if err != nil {
		return nil, err
	}
	return h.Pull(ctx, d.Install, d.Office, after, int(min(limit, syncproto.MaxPullChanges)), r.URL.Query().Get("floors") == "1")
}

func (h *Hub) handleCounts(ctx context.Context, d *desk, r *http.Request) (any, error) {
	q := r.URL.Query()
	var by []string
	if s := q.Get("by"); s != "" {
		by = strings.Split(s, ",")
	}
	return h.Counts(ctx, d.Office, q.Get("from"), q.Get("to"), by)
}

func (h *Hub) handleDay(ctx context.Context, d *desk, r *http.Request) (any, error) {
	return h.Day(ctx, d.Office, r.URL.Query().Get("date"))
}

func (h *Hub) handleDossier(ctx context.Context, d *desk, r *http.Request) (any, error) {
	return h.Dossier(ctx, d.Office, r.PathValue("code"))
}

func (h *Hub) handleDossierEvent(w http.ResponseWriter, r *http.Request) {
	k, err := h.authAPI(r.Context(), r.Header.Get("Authorization"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b, err := readBody(r, maxJSONBody)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var ev dossier.Event
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ev); err != nil {
		h.fail(w, r, errf(http.StatusBadRequest, "malformed", "event: %v", err))
		return
	}
	c, err := h.PostDossierEvent(r.Context(), k.Name, k.Office, r.PathValue("code"), ev)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (h *Hub) handlePublish(w http.ResponseWriter, r *http.Request) {
	k, err := h.authAPI(r.Context(), r.Header.Get("Authorization"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	office := r.URL.Query().Get("office")
	if k.Office != "" {
		if office != "" && office != k.Office {
			h.fail(w, r, errf(http.StatusForbidden, "unauthorised", "this API key may publish only for office %s", k.Office))
			return
		}
		office = k.Office
	}
	b, err := readBody(r, maxPublishBody)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.Publish(r.Context(), k.Name, office, syncproto.ChangeKind(r.PathValue("kind")), b)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c.Data = nil // do not echo the file back
	writeJSON(w, http.StatusCreated, c)
}

// ImportResult summarises a USB bundle import.
type ImportResult struct {
	Manifest syncproto.Manifest
	Ack      *syncproto.BatchAck
	Changes  int
}

// ImportBundle ingests a desk's USB bundle with the same checks as an
// HTTP push and writes the signed answer bundle (acknowledgements and the
// changes after the desk's pull cursor) to w.
func (h *Hub) ImportBundle(ctx context.Context, data []byte, w io.Writer) (*ImportResult, error) {
	m, _, raw, err := syncproto.ReadDeskBundle(data)
	if err != nil {
		return nil, err
	}
	res, err := h.Ingest(ctx, raw)
	if err != nil {
		return nil, err
	}
	pull, err := h.Pull(ctx, m.Install, res.Desk, m.PullAfter, syncproto.MaxPullChanges, true)
	if err != nil {
		return nil, err
	}
	if err := syncproto.WriteAnswerBundle(w, m, &syncproto.Answer{Ack: res.Ack, Pull: pull}, h.key, h.keyID, h.now()); err != nil {
		return nil, fmt.Errorf("write answer bundle: %w", err)
	}
	return &ImportResult{Manifest: m, Ack: res.Ack, Changes: len(pull.Changes)}, nil
}

// Serve runs the API on addr until ctx ends, then shuts down gracefully.
func (h *Hub) Serve(ctx context.Context, addr string, ready func(addr string)) error {
	srv := &http.Server{Addr: addr, Handler: h.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	ln, err := listen(addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		err := srv.Shutdown(sctx)
		if e := <-errc; err == nil && !errors.Is(e, http.ErrServerClosed) {
			err = e
		}
		return err
	}
}
