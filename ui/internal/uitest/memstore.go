package uitest

import (
	"strings"
	"sync"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
)

// MemStore is an in-memory desk.Store for the UI tests that need no
// dossiers (the shell, admin): settings, keys, users and the audit trail.
type MemStore struct {
	mu       sync.Mutex
	settings map[string]any
	users    map[string]account.User
	audit    []account.Audit
}

var (
	_ desk.Store     = (*MemStore)(nil)
	_ account.Hasher = PlainHasher{}
)

// NewMemStore returns an empty store.
func NewMemStore() *MemStore {
	return &MemStore{settings: map[string]any{}, users: map[string]account.User{}}
}

func (m *MemStore) CreateDossier(*dossier.Dossier, dossier.CodeScheme) error {
	return dossier.Errorf(dossier.KindInternal, "", "not used in the UI tests")
}
func (m *MemStore) UpdateDossier(string, func(*dossier.Dossier) error) (*dossier.Dossier, error) {
	return nil, dossier.Errorf(dossier.KindNotFound, "code", "none")
}
func (m *MemStore) Dossier(string) (*dossier.Dossier, error) {
	return nil, dossier.Errorf(dossier.KindNotFound, "code", "none")
}

func (m *MemStore) GetSetting(name string, v any) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	x, ok := m.settings[name]
	if !ok {
		return false, nil
	}
	switch p := v.(type) {
	case *desk.Office:
		*p = x.(desk.Office)
	case *desk.Desk:
		*p = x.(desk.Desk)
	}
	return true, nil
}

func (m *MemStore) PutSetting(name string, v any, a account.Audit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.settings[name] = v
	m.audit = append(m.audit, a)
	return nil
}

func (m *MemStore) GetUser(u string) (account.User, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	x, ok := m.users[u]
	return x, ok, nil
}

func (m *MemStore) PutUser(u account.User, a account.Audit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.users[u.Username] = u
	if a.Action != "" {
		m.audit = append(m.audit, a)
	}
	return nil
}

func (m *MemStore) CreateUser(u account.User, a account.Audit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.users[u.Username]; ok {
		return dossier.Errorf(dossier.KindConflict, "username", "user %s exists", u.Username)
	}
	m.users[u.Username] = u
	m.audit = append(m.audit, a)
	return nil
}

func (m *MemStore) Users() ([]account.User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []account.User
	for _, u := range m.users {
		out = append(out, u)
	}
	return out, nil
}

func (m *MemStore) Audit(a account.Audit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.audit = append(m.audit, a)
	return nil
}

// Actions lists the audited actions in order, comma-separated.
func (m *MemStore) Actions() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var s []string
	for _, a := range m.audit {
		s = append(s, a.Action)
	}
	return strings.Join(s, ",")
}

func (m *MemStore) PutKey(id string, v any, a account.Audit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.settings["key:"+id] = v
	m.audit = append(m.audit, a)
	return nil
}

func (m *MemStore) GetKey(id string, v any) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.settings["key:"+id]
	return ok, nil
}

// PlainHasher is a fast, obviously test-only Hasher.
type PlainHasher struct{}

func (PlainHasher) Hash(p string) (string, error)    { return "plain$" + p, nil }
func (PlainHasher) Verify(h, p string) (bool, error) { return h == "plain$"+p, nil }
