// Package receipt makes and checks the signed QR code printed on the
// receipt (form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả), so that a
// desk can tell offline whether a receipt it is shown was really issued by
// a desk of the province, and open the dossier it names.
//
// # Payload
//
// The QR holds the office's public lookup URL with six query parameters,
// in this order:
//
//	https://dichvucong.example.gov.vn/tra-cuu?c=CODE&p=PROC&r=yyMMddHHmm&a=yyMMddHHmm&k=KEYID&s=SIG
//
//	c  dossier code (mã hồ sơ)
//	p  procedure code
//	r  received time, minute precision, UTC+7
//	a  appointment time, or empty when the procedure has no deadline
//	k  id of the signing desk key (8 hex digits)
//	s  Ed25519 signature, unpadded base64url (86 characters)
//
// No personal data is carried: a lost receipt reveals only the code, the
// procedure and two times, which the portal shows anyway. When the office
// has no lookup URL the same query follows "motcua:tra-cuu". Parameters the
// lookup URL itself carries are kept and ignored by Verify.
//
// The signature covers the bytes
//
//	motcua-receipt/1|CODE|PROC|yyMMddHHmm|yyMMddHHmm-or-empty|KEYID
//
// The field alphabets exclude '|', so the message is unambiguous. Ed25519
// signatures are deterministic: the same claims and key always give the
// same text, which keeps reprints and golden tests stable.
//
// # Keys
//
// Each desk creates an Ed25519 key pair at setup (NewKey). Its id is the
// first 8 hex digits of SHA-256 of the public key. Public keys travel
// between desks and to the hub as one-line text records
// ("motcua-key v1 KEYID BASE64PUB desk name"); Record is the JSON document
// kept in the desk database's keys bucket.
//
// The package imports only the standard library and motcua/dossier.
package receipt
