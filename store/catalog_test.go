package store

import (
	"testing"
	"time"

	"motcua/catalog"
)

func TestImportCatalog_VersionsAndIdempotence(t *testing.T) {
	def, err := catalog.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	db := mustOpen(t, Options{})
	start := time.Now()
	r, err := db.ImportCatalog(def, def.Stamp, Audit{Actor: "setup"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first import of %d procedures: %+v in %v", def.Len(), r, time.Since(start))
	if r.Added != def.Len() {
		t.Fatalf("added %d of %d", r.Added, def.Len())
	}
	head1, _ := db.AuditHead()
	r, err = db.ImportCatalog(def, def.Stamp, Audit{Actor: "setup"})
	if err != nil || r.Unchanged != def.Len() || r.Added+r.Changed != 0 {
		t.Fatalf("second import %+v %v", r, err)
	}
	if head2, _ := db.AuditHead(); head2 != head1 {
		t.Fatal("a no-op import wrote to the journal")
	}
	start = time.Now()
	set, stamp, err := db.CatalogSet()
	if err != nil || set.Len() != def.Len() || stamp != def.Stamp {
		t.Fatalf("snapshot %v %q %v", set.Len(), stamp, err)
	}
	t.Logf("snapshot load: %v", time.Since(start))
	// A changed procedure becomes a new version; the old one stays.
	p, _ := def.Get("1.001193")
	oldHash := p.Version.Hash
	cp := *p
	cp.Name = p.Name + " (sửa đổi)"
	cp.Version = catalog.Version{}
	r, err = db.ImportCatalog(catalog.NewSet("", []*catalog.Procedure{&cp}), "", Audit{Actor: "admin"})
	if err != nil || r.Changed != 1 {
		t.Fatalf("change %+v %v", r, err)
	}
	vs, _ := db.ProcedureVersions("1.001193")
	if len(vs) != 2 {
		t.Fatalf("versions %v", vs)
	}
	old, err := db.ProcedureVersion("1.001193", oldHash)
	if err != nil || old.Name != p.Name {
		t.Fatalf("old version %v", err)
	}
	set, _, _ = db.CatalogSet()
	if q, _ := set.Get("1.001193"); q.Name != cp.Name || set.Len() != def.Len() {
		t.Fatal("snapshot not updated")
	}
	// A list-only entry does not replace the full record.
	lo := &catalog.Procedure{Code: "1.001193", Name: "x", ListOnly: true}
	if r, _ := db.ImportCatalog(catalog.NewSet("", []*catalog.Procedure{lo}), "", Audit{Actor: "admin"}); r.Skipped != 1 {
		t.Fatalf("list-only %+v", r)
	}
}

func TestImportCatalog_DefaultKeepsAdminVersions(t *testing.T) {
	db := mustOpen(t, Options{})
	a := &catalog.Procedure{Code: "1.000001", Name: "A"}
	b := &catalog.Procedure{Code: "1.000002", Name: "B"}
	if _, err := db.ImportCatalog(catalog.NewSet("d1", []*catalog.Procedure{a, b}), "d1", Audit{Actor: "system"}); err != nil {
		t.Fatal(err)
	}
	// The admin imports a newer B.
	b2 := &catalog.Procedure{Code: "1.000002", Name: "B mới"}
	if _, err := db.ImportCatalog(catalog.NewSet("", []*catalog.Procedure{b2}), "", Audit{Actor: "admin"}); err != nil {
		t.Fatal(err)
	}
	// A newer default changes A and B: A follows, B keeps the admin's.
	a3 := &catalog.Procedure{Code: "1.000001", Name: "A v3"}
	b3 := &catalog.Procedure{Code: "1.000002", Name: "B v3"}
	r, err := db.ImportCatalog(catalog.NewSet("d2", []*catalog.Procedure{a3, b3}), "d2", Audit{Actor: "system"})
	if err != nil || r.Changed != 1 || r.Skipped != 1 {
		t.Fatalf("%+v %v", r, err)
	}
	set, stamp, _ := db.CatalogSet()
	pa, _ := set.Get("1.000001")
	pb, _ := set.Get("1.000002")
	if pa.Name != "A v3" || pb.Name != "B mới" || stamp != "d2" {
		t.Fatalf("%s %s %s", pa.Name, pb.Name, stamp)
	}
}
