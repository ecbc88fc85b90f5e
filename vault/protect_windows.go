//go:build windows

package vault

import (
	"fmt"
	"syscall"
	"unsafe"
)

var (
	crypt32                = syscall.NewLazyDLL("crypt32.dll")
	kernel32               = syscall.NewLazyDLL("kernel32.dll")
	procCryptProtectData   = crypt32.NewProc("CryptProtectData")
	procCryptUnprotectData = crypt32.NewProc("CryptUnprotectData")
	procLocalFree          = kernel32.NewProc("LocalFree")
)

type dataBlob struct {
	size uint32
	data *byte
}

func blob(b []byte) *dataBlob {
	if len(b) == 0 {
		return &dataBlob{}
	}
	return &dataBlob{size: uint32(len(b)), data: &b[0]}
}

func (d *dataBlob) bytes() []byte {
	out := make([]byte, d.size)
	copy(out, unsafe.Slice(d.data, d.size))
	return out
}

const cryptprotectUIForbidden = 0x1

// protect seals the key with DPAPI in the current user's scope.
func protect(dk []byte) (string, []byte, error) {
	var out dataBlob
	r, _, err := procCryptProtectData.Call(uintptr(unsafe.Pointer(blob(dk))), 0, 0, 0, 0, cryptprotectUIForbidden, uintptr(unsafe.Pointer(&out)))
	if r == 0 {
		return "", nil, fmt.Errorf("CryptProtectData: %v", err)
	}
	defer procLocalFree.Call(uintptr(unsafe.Pointer(out.data)))
	return "dpapi", out.bytes(), nil
}

func unprotect(method string, b []byte) ([]byte, error) {
	switch method {
	case "file":
		if len(b) != 32 {
			return nil, fmt.Errorf("damaged key")
		}
		return b, nil
	case "dpapi":
	default:
		return nil, fmt.Errorf("unknown key protection %q", method)
	}
	var out dataBlob
	r, _, _ := procCryptUnprotectData.Call(uintptr(unsafe.Pointer(blob(b))), 0, 0, 0, 0, cryptprotectUIForbidden, uintptr(unsafe.Pointer(&out)))
	if r == 0 {
		return nil, ErrOtherMachine
	}
	defer procLocalFree.Call(uintptr(unsafe.Pointer(out.data)))
	return out.bytes(), nil
}
