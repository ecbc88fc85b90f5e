package widgets

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"motcua/dossier"
	"motcua/workday"
)

// Problem is one problem of an error, with the field it concerns ("" for
// the whole form) and the sentence shown to the clerk.
type Problem struct {
	Field string
	Text  string
}

// ErrorText returns the sentence(s) shown for err: for domain errors
// (dossier.Error, dossier.Errors, workday.ValidationError, joined errors)
// one Vietnamese sentence per problem, one per line; in English mode the
// domain's own English message. Errors that are not domain errors get a
// generic sentence, and their detail is logged with fyne.LogError (never
// shown: it may name files or internals).
func ErrorText(err error) string {
	ps := Problems(err)
	out := make([]string, 0, len(ps))
	seen := map[string]bool{}
	for _, p := range ps {
		if !seen[p.Text] {
			seen[p.Text] = true
			out = append(out, p.Text)
		}
	}
	return strings.Join(out, "\n")
}

// FieldError returns the sentence(s) for the problems of one field path
// (as in dossier.Error.Field, e.g. "owner.id_number", "desk.id"), or "".
func FieldError(err error, field string) string {
	var out []string
	for _, p := range Problems(err) {
		if p.Field == field {
			out = append(out, p.Text)
		}
	}
	return strings.Join(out, "\n")
}

// Problems flattens err into its problems, in order.
func Problems(err error) []Problem {
	if err == nil {
		return nil
	}
	var out []Problem
	flatten(err, func(e error) {
		switch v := e.(type) {
		case *dossier.Error:
			out = append(out, Problem{Field: v.Field, Text: domainText(v.Kind, v.Field, v.Msg)})
		case *workday.ValidationError:
			out = append(out, Problem{Field: v.Field, Text: domainText(dossier.KindInvalid, "table."+v.Field, v.Msg)})
		default:
			out = append(out, Problem{Text: otherText(e)})
		}
	})
	return out
}

// flatten calls fn for each leaf error of err: dossier.Errors and
// errors.Join are opened, also when wrapped with context (%w).
func flatten(err error, fn func(error)) {
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch v := e.(type) {
		case dossier.Errors:
			for _, d := range v {
				fn(d)
			}
			return
		case *dossier.Error, *workday.ValidationError:
			fn(v)
			return
		case interface{ Unwrap() []error }:
			for _, x := range v.Unwrap() {
				flatten(x, fn)
			}
			return
		}
	}
	fn(err)
}

// otherText is the sentence for an error that is not a domain error.
func otherText(err error) string {
	fyne.LogError("error shown to the user", err)
	en := Language() == LangEnglish
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return pick(en, "Ổ đĩa đã đầy: dữ liệu chưa được ghi. Giải phóng dung lượng rồi thử lại.",
			"The disk is full: nothing was saved. Free some space and try again.")
	case errors.Is(err, syscall.EROFS), errors.Is(err, os.ErrPermission):
		return pick(en, "Không ghi được dữ liệu: ổ đĩa chỉ cho đọc hoặc không có quyền ghi. Báo quản trị viên.",
			"Cannot write: the disk is read-only or access is denied. Call the administrator.")
	case strings.Contains(err.Error(), "in use by another motcua"):
		return pick(en, "Cơ sở dữ liệu đang được một chương trình motcua khác sử dụng.",
			"The database is in use by another motcua program.")
	}
	return pick(en, "Đã xảy ra lỗi, thao tác chưa thực hiện được. Chi tiết đã được ghi vào nhật ký; nếu lặp lại, báo quản trị viên.",
		"Something went wrong and nothing was done. The details are in the log; call the administrator if it happens again.")
}

func pick(en bool, vi, english string) string {
	if en {
		return english
	}
	return vi
}

var indexRE = regexp.MustCompile(`\[\d+\]`)

// domainText maps one domain error to its sentence.
func domainText(kind dossier.Kind, field, msg string) string {
	if Language() == LangEnglish {
		return sentence(msg)
	}
	norm := indexRE.ReplaceAllString(field, "[]")
	party, rest := splitParty(norm)
	for _, r := range errorRules {
		if r.field != "" && r.field != rest && r.field != norm {
			continue
		}
		if r.kind != "" && r.kind != kind {
			continue
		}
		if r.has != "" && !strings.Contains(msg, r.has) {
			continue
		}
		return expand(r.vi, party, msg)
	}
	// Fallback: the field's name and a sentence for the kind; the English
	// detail goes to the log.
	fyne.LogError("no Vietnamese sentence for a domain error", errors.New(field+": "+msg))
	label := fieldLabels[rest]
	if party != "" && label != "" {
		label = party + ": " + lowerFirst(label)
	} else if label == "" {
		label = party
	}
	switch kind {
	case dossier.KindInvalid:
		if label != "" {
			return label + ": thông tin chưa hợp lệ."
		}
		return "Thông tin nhập chưa hợp lệ."
	case dossier.KindNotFound:
		return "Không tìm thấy dữ liệu yêu cầu."
	case dossier.KindConflict:
		return "Thao tác này không thực hiện được ở trạng thái hiện tại."
	case dossier.KindForbidden:
		return "Bạn không có quyền thực hiện thao tác này."
	}
	return "Đã xảy ra lỗi, thao tác chưa thực hiện được. Chi tiết đã được ghi vào nhật ký."
}

// splitParty separates a party prefix ("submitter.", "owner.",
// "collector.") from a field path and returns its Vietnamese name.
func splitParty(f string) (party, rest string) {
	for p, name := range partyNames {
		if strings.HasPrefix(f, p+".") {
			return name, strings.TrimPrefix(f, p+".")
		}
	}
	return "", f
}

var partyNames = map[string]string{
	"submitter": "Người nộp hồ sơ",
	"owner":     "Chủ hồ sơ",
	"collector": "Người nhận kết quả",
}

var (
	quotedRE = regexp.MustCompile(`"([^"]*)"`)
	numberRE = regexp.MustCompile(`\d+`)
	dateRE   = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})`)
)

// expand fills the placeholders of a rule's sentence from the English
// message: {party} the party name with ": ", {q} the first quoted value,
// {n} the first number, {date} the first YYYY-MM-DD date as DD/MM/YYYY,
// {until} what follows "until ", {missing} the list after "missing: ".
func expand(s, party, msg string) string {
	if strings.Contains(s, "{party}") {
		p := ""
		if party != "" {
			p = party + ": "
		}
		s = strings.ReplaceAll(s, "{party}", p)
		if p != "" {
			// "Người nộp hồ sơ: Nhập …" reads better in lower case.
			i := strings.Index(s, p) + len(p)
			s = s[:i] + lowerFirst(s[i:])
		}
	}
	if strings.Contains(s, "{q}") {
		q := ""
		if m := quotedRE.FindStringSubmatch(msg); m != nil {
			q = m[1]
		}
		s = strings.ReplaceAll(s, "{q}", q)
	}
	if strings.Contains(s, "{n}") {
		s = strings.ReplaceAll(s, "{n}", numberRE.FindString(msg))
	}
	if strings.Contains(s, "{date}") {
		d := ""
		if m := dateRE.FindStringSubmatch(msg); m != nil {
			d = m[3] + "/" + m[2] + "/" + m[1]
		}
		s = strings.ReplaceAll(s, "{date}", d)
	}
	if strings.Contains(s, "{until}") {
		u := ""
		if i := strings.Index(msg, "until "); i >= 0 {
			u = msg[i+len("until "):]
		}
		s = strings.ReplaceAll(s, "{until}", u)
	}
	if strings.Contains(s, "{missing}") {
		m := ""
		if i := strings.Index(msg, "missing: "); i >= 0 {
			m = msg[i+len("missing: "):]
			if j := strings.Index(m, " (a supervisor"); j >= 0 {
				m = m[:j]
			}
		}
		s = strings.ReplaceAll(s, "{missing}", m)
	}
	return s
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsUpper(r) {
		return s
	}
	// Keep acronyms and names ("CCCD", "Nam") as they are.
	if n < len(s) {
		r2, _ := utf8.DecodeRuneInString(s[n:])
		if unicode.IsUpper(r2) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// sentence capitalises an English domain message and ends it with a period.
func sentence(msg string) string {
	if msg == "" {
		return msg
	}
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}
