//go:build linux

package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"
)

// A minimal X11 client, just enough to learn the instant a top-level
// window is mapped without polling: it subscribes to SubstructureNotify on
// the root window, so the server sends a MapNotify event the moment the
// app maps its window, and reads the window's WM_NAME. (Under Xvfb there
// is no window manager: top-level windows are children of the root.)
//
// Protocol: X Window System Protocol, X Consortium Standard, X11R7.7,
// sections 8 (connection setup), 9 (ChangeWindowAttributes, GetProperty,
// GetInputFocus) and 11 (events).

const (
	xReqChangeWindowAttributes = 2
	xReqGetProperty            = 20
	xReqGetInputFocus          = 43
	xEventMapNotify            = 19
	xCWEventMask               = 0x00000800
	xSubstructureNotifyMask    = 0x00080000
	xAtomWMName                = 39
)

type xEvent struct {
	code   byte
	window uint32
	at     time.Time
}

type xReply struct {
	data []byte // the whole reply (32 bytes + extra), or the error packet
	err  error
}

type xConn struct {
	c       net.Conn
	root    uint32
	mu      sync.Mutex // one request in flight at a time
	seq     uint16     // sequence number of the last request sent
	events  chan xEvent
	replies chan xReply
	done    chan struct{}
}

// dialX connects to display (":N") over its Unix socket.
func dialX(display string) (*xConn, error) {
	n, ok := strings.CutPrefix(display, ":")
	if !ok {
		return nil, fmt.Errorf("display %q: want :N", display)
	}
	n, _, _ = strings.Cut(n, ".")
	c, err := net.DialTimeout("unix", "/tmp/.X11-unix/X"+n, 2*time.Second)
	if err != nil {
		return nil, err
	}
	return newXConn(c)
}

// newXConn sets up the X connection over c.
func newXConn(c net.Conn) (*xConn, error) {
	x := &xConn{c: c, events: make(chan xEvent, 256), replies: make(chan xReply, 16), done: make(chan struct{})}
	if err := x.setup(); err != nil {
		c.Close()
		return nil, err
	}
	go x.read()
	return x, nil
}

func (x *xConn) Close() error {
	err := x.c.Close()
	<-x.done
	return err
}

func (x *xConn) setup() error {
	x.c.SetDeadline(time.Now().Add(5 * time.Second))
	defer x.c.SetDeadline(time.Time{})
	req := []byte{'l', 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0} // little-endian, protocol 11.0, no authorisation
	if _, err := x.c.Write(req); err != nil {
		return err
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(x.c, head); err != nil {
		return err
	}
	more := make([]byte, 4*int(binary.LittleEndian.Uint16(head[6:])))
	if _, err := io.ReadFull(x.c, more); err != nil {
		return err
	}
	root, err := parseSetup(head, more)
	if err != nil {
		return err
	}
	x.root = root
	return nil
}

// parseSetup returns the first screen's root window from the connection
// setup reply (head: its first 8 bytes; more: the rest).
func parseSetup(head, more []byte) (uint32, error) {
	switch head[0] {
	case 1:
	case 0:
		n := min(int(head[1]), len(more))
		return 0, fmt.Errorf("X server refused the connection: %s", bytes.TrimRight(more[:n], "\x00"))
	default:
		return 0, errors.New("X server asks for authentication (start Xvfb without -auth)")
	}
	if len(more) < 32 {
		return 0, errors.New("short X setup reply")
	}
	vendor := int(binary.LittleEndian.Uint16(more[16:]))
	formats := int(more[21])
	off := 32 + (vendor+3)/4*4 + 8*formats
	if int(more[20]) == 0 || len(more) < off+4 {
		return 0, errors.New("X setup reply has no screen")
	}
	return binary.LittleEndian.Uint32(more[off:]), nil
}

// read dispatches server messages: replies and errors to the waiting
// request, events to the events channel (stamped on arrival).
func (x *xConn) read() {
	defer close(x.done)
	for {
		b := make([]byte, 32)
		if _, err := io.ReadFull(x.c, b); err != nil {
			select {
			case x.replies <- xReply{err: err}:
			default:
			}
			close(x.events)
			return
		}
		at := time.Now()
		switch b[0] {
		case 0: // error
			x.reply(xReply{data: b, err: fmt.Errorf("X error %d (request %d)", b[1], b[10])})
		case 1: // reply
			extra := 4 * int(binary.LittleEndian.Uint32(b[4:]))
			if extra > 0 {
				rest := make([]byte, extra)
				if _, err := io.ReadFull(x.c, rest); err != nil {
					x.reply(xReply{err: err})
					close(x.events)
					return
				}
				b = append(b, rest...)
			}
			x.reply(xReply{data: b})
		default:
			ev := xEvent{code: b[0] & 0x7f, at: at}
			if ev.code == xEventMapNotify {
				ev.window = binary.LittleEndian.Uint32(b[8:])
			}
			select {
			case x.events <- ev:
			default: // nobody is listening; drop
			}
		}
	}
}

func (x *xConn) reply(r xReply) {
	select {
	case x.replies <- r:
	default: // nobody waits (an error for a request without reply)
	}
}

// send writes a request; the caller holds mu.
func (x *xConn) send(req []byte) error {
	if _, err := x.c.Write(req); err != nil {
		return err
	}
	x.seq++
	return nil
}

// roundTrip sends a request that has a reply and waits for it (replies
// and errors carry the request's sequence number; older ones are
// dropped).
func (x *xConn) roundTrip(req []byte) ([]byte, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.send(req); err != nil {
		return nil, err
	}
	timeout := time.After(5 * time.Second)
	for {
		select {
		case r := <-x.replies:
			if r.data == nil || binary.LittleEndian.Uint16(r.data[2:]) == x.seq {
				return r.data, r.err
			}
		case <-timeout:
			return nil, errors.New("X server did not answer")
		}
	}
}

// watchMaps subscribes to the root window's substructure events.
func (x *xConn) watchMaps() error {
	req := make([]byte, 16)
	req[0] = xReqChangeWindowAttributes
	binary.LittleEndian.PutUint16(req[2:], 4)
	binary.LittleEndian.PutUint32(req[4:], x.root)
	binary.LittleEndian.PutUint32(req[8:], xCWEventMask)
	binary.LittleEndian.PutUint32(req[12:], xSubstructureNotifyMask)
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.send(req); err != nil {
		return err
	}
	want := x.seq
	// GetInputFocus makes a round trip: an error for the request above
	// arrives before its reply.
	if err := x.send([]byte{xReqGetInputFocus, 0, 1, 0}); err != nil {
		return err
	}
	timeout := time.After(5 * time.Second)
	for {
		select {
		case r := <-x.replies:
			if r.data == nil {
				return r.err
			}
			switch binary.LittleEndian.Uint16(r.data[2:]) {
			case want:
				if r.err != nil {
					return fmt.Errorf("subscribe to window events: %w", r.err)
				}
			case x.seq:
				return r.err
			}
		case <-timeout:
			return errors.New("X server did not answer")
		}
	}
}

// windowName returns WM_NAME of w ("" when unset).
func (x *xConn) windowName(w uint32) (string, error) {
	req := make([]byte, 24)
	req[0] = xReqGetProperty
	binary.LittleEndian.PutUint16(req[2:], 6)
	binary.LittleEndian.PutUint32(req[4:], w)
	binary.LittleEndian.PutUint32(req[8:], xAtomWMName)
	binary.LittleEndian.PutUint32(req[12:], 0)   // AnyPropertyType
	binary.LittleEndian.PutUint32(req[16:], 0)   // offset
	binary.LittleEndian.PutUint32(req[20:], 256) // 1 KiB
	b, err := x.roundTrip(req)
	if err != nil {
		return "", err
	}
	return propertyValue(b)
}

// propertyValue extracts the value of a GetProperty reply.
func propertyValue(b []byte) (string, error) {
	if len(b) < 32 {
		return "", errors.New("short GetProperty reply")
	}
	format := int(b[1])
	n := int(binary.LittleEndian.Uint32(b[16:]))
	if format == 0 || n == 0 {
		return "", nil
	}
	size := n * format / 8
	if 32+size > len(b) {
		return "", errors.New("GetProperty reply shorter than its value")
	}
	return string(b[32 : 32+size]), nil
}

// drain drops the events received so far.
func (x *xConn) drain() {
	for {
		select {
		case <-x.events:
		default:
			return
		}
	}
}

// waitMapped waits for a window whose WM_NAME starts with prefix to be
// mapped, returning the instant the event arrived. exited reports the
// app's exit (the wait then fails at once).
func (x *xConn) waitMapped(ctx context.Context, prefix string, timeout time.Duration, exited <-chan struct{}) (time.Time, uint32, error) {
	deadline := time.After(timeout)
	for {
		select {
		case <-ctx.Done():
			return time.Time{}, 0, ctx.Err()
		case <-deadline:
			return time.Time{}, 0, fmt.Errorf("no %q window mapped within %s", prefix, timeout)
		case <-exited:
			return time.Time{}, 0, errors.New("the app exited before mapping its window")
		case ev, ok := <-x.events:
			if !ok {
				return time.Time{}, 0, errors.New("lost the X connection")
			}
			if ev.code != xEventMapNotify {
				continue
			}
			name, err := x.windowName(ev.window)
			if err != nil {
				continue // destroyed meanwhile
			}
			if strings.HasPrefix(name, prefix) {
				return ev.at, ev.window, nil
			}
		}
	}
}
