package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
)

// Resource types (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

// ResName is a resource type or name: a numeric ID or a string.
type ResName struct {
	ID   uint16
	Name string // set for named resources
}

func (n ResName) String() string {
	if n.Name != "" {
		return n.Name
	}
	return fmt.Sprint(n.ID)
}

// Resource is one leaf of a PE resource tree.
type Resource struct {
	Type, Name ResName
	Lang       uint16
	Data       []byte
}

// PEInfo is what the checker reads from an executable.
type PEInfo struct {
	Machine   uint16
	Subsystem uint16
	Resources []Resource
}

// maxResources bounds the tree walk (a crafted file could loop or fan out).
const maxResources = 4096

// ReadPE reads the header fields and the whole resource tree of a PE file.
func ReadPE(r io.ReaderAt) (*PEInfo, error) {
	f, err := pe.NewFile(r)
	if err != nil {
		return nil, fmt.Errorf("not a PE file: %w", err)
	}
	defer f.Close()
	info := &PEInfo{Machine: f.Machine}
	var dir pe.DataDirectory
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		info.Subsystem = oh.Subsystem
		if len(oh.DataDirectory) > pe.IMAGE_DIRECTORY_ENTRY_RESOURCE {
			dir = oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
		}
	case *pe.OptionalHeader32:
		info.Subsystem = oh.Subsystem
		if len(oh.DataDirectory) > pe.IMAGE_DIRECTORY_ENTRY_RESOURCE {
			dir = oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
		}
	default:
		return nil, errors.New("PE file has no optional header")
	}
	if dir.VirtualAddress == 0 || dir.Size == 0 {
		return info, nil
	}
	var sec *pe.Section
	for _, s := range f.Sections {
		if dir.VirtualAddress >= s.VirtualAddress && dir.VirtualAddress < s.VirtualAddress+max(s.VirtualSize, s.Size) {
			sec = s
			break
		}
	}
	if sec == nil {
		return nil, fmt.Errorf("resource directory at RVA %#x is in no section", dir.VirtualAddress)
	}
	data, err := sec.Data()
	if err != nil {
		return nil, fmt.Errorf("section %s: %w", sec.Name, err)
	}
	res, err := parseResources(data, sec.VirtualAddress, dir.VirtualAddress-sec.VirtualAddress)
	if err != nil {
		return nil, err
	}
	info.Resources = res
	return info, nil
}

// parseResources walks the three-level resource directory (type, name,
// language) that starts at offset root of a section loaded at RVA base.
func parseResources(sec []byte, base, root uint32) ([]Resource, error) {
	p := &rsrcParser{sec: sec, base: base, root: root}
	if err := p.dir(root, 0, nil); err != nil {
		return nil, err
	}
	return p.out, nil
}

type rsrcParser struct {
	sec        []byte
	base, root uint32
	out        []Resource
	visited    int
}

func (p *rsrcParser) bytes(off, n uint32) ([]byte, error) {
	if uint64(off)+uint64(n) > uint64(len(p.sec)) {
		return nil, fmt.Errorf("resource data at %#x+%d lies outside the section (%d bytes)", off, n, len(p.sec))
	}
	return p.sec[off : off+n], nil
}

func (p *rsrcParser) name(v uint32) (ResName, error) {
	if v&0x80000000 == 0 {
		return ResName{ID: uint16(v)}, nil
	}
	off := p.root + v&0x7fffffff
	h, err := p.bytes(off, 2)
	if err != nil {
		return ResName{}, err
	}
	n := uint32(binary.LittleEndian.Uint16(h))
	b, err := p.bytes(off+2, 2*n)
	if err != nil {
		return ResName{}, err
	}
	u := make([]uint16, n)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return ResName{Name: string(utf16.Decode(u))}, nil
}

func (p *rsrcParser) dir(off uint32, level int, path []ResName) error {
	if level > 2 {
		return errors.New("resource tree deeper than type/name/language")
	}
	h, err := p.bytes(off, 16)
	if err != nil {
		return err
	}
	le := binary.LittleEndian
	n := uint32(le.Uint16(h[12:])) + uint32(le.Uint16(h[14:]))
	for i := range n {
		e, err := p.bytes(off+16+8*i, 8)
		if err != nil {
			return err
		}
		if p.visited++; p.visited > maxResources {
			return fmt.Errorf("more than %d resource entries", maxResources)
		}
		nm, err := p.name(le.Uint32(e))
		if err != nil {
			return err
		}
		target := le.Uint32(e[4:])
		sub := append(path[:level:level], nm)
		if target&0x80000000 != 0 {
			next := p.root + target&0x7fffffff
			if next <= off {
				return fmt.Errorf("resource directory at %#x points backwards to %#x", off, next)
			}
			if err := p.dir(next, level+1, sub); err != nil {
				return err
			}
			continue
		}
		if level != 2 {
			return fmt.Errorf("resource data entry at level %d (want type/name/language)", level)
		}
		de, err := p.bytes(p.root+target, 16)
		if err != nil {
			return err
		}
		rva, size := le.Uint32(de), le.Uint32(de[4:])
		if rva < p.base {
			return fmt.Errorf("resource data RVA %#x lies before its section", rva)
		}
		data, err := p.bytes(rva-p.base, size)
		if err != nil {
			return err
		}
		p.out = append(p.out, Resource{Type: sub[0], Name: sub[1], Lang: nm.ID, Data: data})
	}
	return nil
}

// Find returns the resources of type t.
func (i *PEInfo) Find(t uint16) []Resource {
	var out []Resource
	for _, r := range i.Resources {
		if r.Type.Name == "" && r.Type.ID == t {
			out = append(out, r)
		}
	}
	return out
}

// IconGroup is an RT_GROUP_ICON with its images resolved.
type IconGroup struct {
	Name   ResName
	Images []IconImage
}

// IconGroups decodes every icon group and the RT_ICON images it names.
func (i *PEInfo) IconGroups() ([]IconGroup, error) {
	icons := map[uint16][]byte{}
	for _, r := range i.Find(rtIcon) {
		icons[r.Name.ID] = r.Data
	}
	le := binary.LittleEndian
	var out []IconGroup
	for _, r := range i.Find(rtGroupIcon) {
		d := r.Data
		if len(d) < 6 || le.Uint16(d[2:]) != 1 {
			return nil, fmt.Errorf("icon group %s: bad header", r.Name)
		}
		n := int(le.Uint16(d[4:]))
		if len(d) < 6+14*n {
			return nil, fmt.Errorf("icon group %s: %d entries truncated", r.Name, n)
		}
		g := IconGroup{Name: r.Name}
		for k := range n {
			e := d[6+14*k:]
			id := le.Uint16(e[12:])
			data, ok := icons[id]
			if !ok {
				return nil, fmt.Errorf("icon group %s names icon %d, which is missing", r.Name, id)
			}
			img, err := DecodeIconImage(data)
			if err != nil {
				return nil, fmt.Errorf("icon group %s, icon %d: %w", r.Name, id, err)
			}
			g.Images = append(g.Images, img)
		}
		out = append(out, g)
	}
	return out, nil
}

// VersionInfo is a decoded VS_VERSIONINFO.
type VersionInfo struct {
	FileVersion, ProductVersion [4]uint16
	FileOS, FileType            uint32
	Strings                     map[string]string // the first string table
	Translation                 []uint32          // lang<<16 | codepage
}

type verBlock struct {
	key      string
	typ      uint16
	value    []byte
	children []verBlock
}

// parseVerBlock reads one version-resource block (wLength, wValueLength,
// wType, szKey, padding, value, padding, children) at the start of b.
func parseVerBlock(b []byte, depth int) (verBlock, int, error) {
	le := binary.LittleEndian
	if depth > 4 {
		return verBlock{}, 0, errors.New("version resource nested too deep")
	}
	if len(b) < 6 {
		return verBlock{}, 0, errors.New("version block truncated")
	}
	length, vlen, typ := int(le.Uint16(b)), int(le.Uint16(b[2:])), le.Uint16(b[4:])
	if length < 6 || length > len(b) {
		return verBlock{}, 0, fmt.Errorf("version block length %d outside 6..%d", length, len(b))
	}
	b = b[:length]
	p := 6
	var key []uint16
	for {
		if p+2 > len(b) {
			return verBlock{}, 0, errors.New("version block key not terminated")
		}
		c := le.Uint16(b[p:])
		p += 2
		if c == 0 {
			break
		}
		key = append(key, c)
	}
	p = align4(p)
	blk := verBlock{key: string(utf16.Decode(key)), typ: typ}
	vbytes := vlen
	if typ == 1 {
		vbytes = 2 * vlen // text values count WORDs
	}
	if p+vbytes > len(b) {
		if typ == 1 && p+vbytes-2 == len(b) {
			vbytes -= 2 // some writers count the value's terminating NUL past the block end
		} else {
			return verBlock{}, 0, fmt.Errorf("version block %q value of %d bytes overruns it", blk.key, vbytes)
		}
	}
	blk.value = b[p : p+vbytes]
	p = align4(p + vbytes)
	for p < len(b) {
		c, n, err := parseVerBlock(b[p:], depth+1)
		if err != nil {
			return verBlock{}, 0, fmt.Errorf("in %q: %w", blk.key, err)
		}
		blk.children = append(blk.children, c)
		p = align4(p + n)
	}
	return blk, length, nil
}

func align4(n int) int { return (n + 3) &^ 3 }

func utf16z(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := binary.LittleEndian.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

// ParseVersionInfo decodes an RT_VERSION resource.
func ParseVersionInfo(b []byte) (*VersionInfo, error) {
	root, _, err := parseVerBlock(b, 0)
	if err != nil {
		return nil, err
	}
	if root.key != "VS_VERSION_INFO" {
		return nil, fmt.Errorf("version resource key is %q, want VS_VERSION_INFO", root.key)
	}
	le := binary.LittleEndian
	v := &VersionInfo{Strings: map[string]string{}}
	if len(root.value) < 52 || le.Uint32(root.value) != 0xFEEF04BD {
		return nil, errors.New("version resource has no VS_FIXEDFILEINFO")
	}
	f := root.value
	split := func(ms, ls uint32) [4]uint16 {
		return [4]uint16{uint16(ms >> 16), uint16(ms), uint16(ls >> 16), uint16(ls)}
	}
	v.FileVersion = split(le.Uint32(f[8:]), le.Uint32(f[12:]))
	v.ProductVersion = split(le.Uint32(f[16:]), le.Uint32(f[20:]))
	v.FileOS, v.FileType = le.Uint32(f[32:]), le.Uint32(f[36:])
	for _, c := range root.children {
		switch c.key {
		case "StringFileInfo":
			if len(c.children) == 0 {
				return nil, errors.New("StringFileInfo has no string table")
			}
			for _, s := range c.children[0].children {
				v.Strings[s.key] = utf16z(s.value)
			}
		case "VarFileInfo":
			for _, t := range c.children {
				if t.key == "Translation" {
					for i := 0; i+3 < len(t.value); i += 4 {
						v.Translation = append(v.Translation, uint32(le.Uint16(t.value[i:]))<<16|uint32(le.Uint16(t.value[i+2:])))
					}
				}
			}
		}
	}
	return v, nil
}

// ReadPEBytes is ReadPE over a byte slice.
func ReadPEBytes(b []byte) (*PEInfo, error) { return ReadPE(bytes.NewReader(b)) }
