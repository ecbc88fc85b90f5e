package admin

import (
	"strings"
	"sync"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
)

// memStore is an in-memory desk.Store for the UI tests.
type memStore struct {
	mu       sync.Mutex
	settings map[string]any
	users    map[string]account.User
	audit    []account.Audit
}

func newMemStore() *memStore {
	return &memStore{settings: map[string]any{}, users: map[string]account.User{}}
}

func (m *memStore) CreateDossier(*dossier.Dossier, dossier.CodeScheme) error {
	return dossier.Errorf(dossier.KindInternal, "", "not used in UI shell tests")
}
func (m *memStore) UpdateDossier(string, func(*dossier.Dossier) error) (*dossier.Dossier, error) {
	return nil, dossier.Errorf(dossier.KindNotFound, "code", "none")
}
func (m *memStore) Dossier(string) (*dossier.Dossier, error) {
	return nil, dossier.Errorf(dossier.KindNotFound, "code", "none")
}

func (m *memStore) GetSetting(name string, v any) (bool, error) {
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

func (m *memStore) PutSetting(name string, v any, a account.Audit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.settings[name] = v
	m.audit = append(m.audit, a)
	return nil
}

func (m *memStore) GetUser(u string) (account.User, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	x, ok := m.users[u]
	return x, ok, nil
}

func (m *memStore) PutUser(u account.User, a account.Audit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.users[u.Username] = u
	if a.Action != "" {
		m.audit = append(m.audit, a)
	}
	return nil
}

func (m *memStore) CreateUser(u account.User, a account.Audit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.users[u.Username]; ok {
		return dossier.Errorf(dossier.KindConflict, "username", "user %s exists", u.Username)
	}
	m.users[u.Username] = u
	m.audit = append(m.audit, a)
	return nil
}

func (m *memStore) Users() ([]account.User, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []account.User
	for _, u := range m.users {
		out = append(out, u)
	}
	return out, nil
}

func (m *memStore) Audit(a account.Audit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.audit = append(m.audit, a)
	return nil
}

func (m *memStore) actions() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var s []string
	for _, a := range m.audit {
		s = append(s, a.Action)
	}
	return strings.Join(s, ",")
}

// plainHasher is a fast, obviously test-only Hasher.
type plainHasher struct{}

func (plainHasher) Hash(p string) (string, error)    { return "plain$" + p, nil }
func (plainHasher) Verify(h, p string) (bool, error) { return h == "plain$"+p, nil }

func (m *memStore) PutKey(id string, v any, a account.Audit) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.settings["key:"+id] = v
	m.audit = append(m.audit, a)
	return nil
}

func (m *memStore) GetKey(id string, v any) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.settings["key:"+id]
	return ok, nil
}
