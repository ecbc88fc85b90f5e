// Package portal maps dossiers to the national public service portal's
// dossier synchronisation shape (DongBoHoSoMC items and
// CapNhatTienDoHoSoMC progress items, ../shared/docs/domain.md §3.2) and
// forwards them through an LGSP/NGSP adapter (§3.1 a): authenticate for a
// session, then call the service; success is error_code 0 or "00"; a
// dossier that "đã tồn tại" (already exists) is sent again as an update.
//
// No official specification is public (§3): the field list follows the two
// public implementations the domain report cites. Every value is a string;
// dates are yyyyMMddHHmmss in UTC+7, or "" when there is none.
package portal

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"motcua/dossier"
)

// DateLayout is the portal's date format (local time, domain.md §3.2).
const DateLayout = "20060102150405"

// Date formats t in UTC+7, "" for the zero time.
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(dossier.Zone).Format(DateLayout)
}

// HoSo is one DongBoHoSoMC item.
type HoSo struct {
	MaHoSo                      string       `json:"MaHoSo"`
	MaTTHC                      string       `json:"MaTTHC"`
	TenTTHC                     string       `json:"TenTTHC"`
	MaLinhVuc                   string       `json:"MaLinhVuc"`
	TenLinhVuc                  string       `json:"TenLinhVuc"`
	KenhThucHien                string       `json:"KenhThucHien"`
	ChuHoSo                     string       `json:"ChuHoSo"`
	LoaiDoiTuong                string       `json:"LoaiDoiTuong"`
	MaDoiTuong                  string       `json:"MaDoiTuong"`
	SoGiayToChuHoSo             string       `json:"SoGiayToChuHoSo"`
	ThongTinKhac                string       `json:"ThongTinKhac"`
	Email                       string       `json:"Email"`
	Fax                         string       `json:"Fax"`
	SoDienThoai                 string       `json:"SoDienThoai"`
	TrichYeuHoSo                string       `json:"TrichYeuHoSo"`
	NgayNopHoSo                 string       `json:"NgayNopHoSo"`
	NgayTiepNhan                string       `json:"NgayTiepNhan"`
	NgayHenTra                  string       `json:"NgayHenTra"`
	TrangThaiHoSo               string       `json:"TrangThaiHoSo"`
	NgayTra                     string       `json:"NgayTra"`
	ThongTinTra                 string       `json:"ThongTinTra"`
	HinhThuc                    string       `json:"HinhThuc"`
	NgayKetThucXuLy             string       `json:"NgayKetThucXuLy"`
	NgayTuChoi                  string       `json:"NgayTuChoi"`
	DonViXuLy                   string       `json:"DonViXuLy"`
	GhiChu                      string       `json:"GhiChu"`
	NoiNopHoSo                  string       `json:"NoiNopHoSo"`
	HoSoCoThanhPhanSoHoa        string       `json:"HoSoCoThanhPhanSoHoa"`
	TaiKhoanDuocXacThucVoiVNeID string       `json:"TaiKhoanDuocXacThucVoiVNeID"`
	DuocThanhToanTrucTuyen      string       `json:"DuocThanhToanTrucTuyen"`
	DinhDanhCHS                 []DinhDanh   `json:"DinhDanhCHS"`
	TaiLieuNop                  []TaiLieu    `json:"TaiLieuNop"`
	DanhSachLePhi               []LePhi      `json:"DanhSachLePhi"`
	DanhSachHoSoBoSung          []HoSoBoSung `json:"DanhSachHoSoBoSung"`
	DanhSachGiayToKetQua        []GiayToKQ   `json:"DanhSachGiayToKetQua"`
	DanhSachTepDinhKemKhac      []TepDinhKem `json:"DanhSachTepDinhKemKhac"`
	DSKetNoiCSDL                []KetNoiCSDL `json:"DSKetNoiCSDL"`
	// QuaTrinhXuLy is sent separately with CapNhatTienDoHoSoMC.
	QuaTrinhXuLy []TienDo `json:"-"`
}

// DinhDanh is an owner identifier: LoaiDinhDanh 1 = 12-digit personal
// number, 2 = 9-digit old ID (CMND).
type DinhDanh struct {
	LoaiDinhDanh string `json:"LoaiDinhDanh"`
	SoDinhDanh   string `json:"SoDinhDanh"`
}

// TaiLieu is a submitted file (TaiLieuNop).
type TaiLieu struct {
	TepDinhKemId      string `json:"TepDinhKemId"`
	TenTepDinhKem     string `json:"TenTepDinhKem"`
	IsDeleted         string `json:"IsDeleted"`
	MaThanhPhanHoSo   string `json:"MaThanhPhanHoSo"`
	DuongDanTaiTepTin string `json:"DuongDanTaiTepTin"`
	DuocSoHoa         string `json:"DuocSoHoa"`
	DuocTaiSuDung     string `json:"DuocTaiSuDung"`
	DuocLayTuKhoDMQG  string `json:"DuocLayTuKhoDMQG"`
	MaKetQuaThayThe   string `json:"MaKetQuaThayThe"`
}

// LePhi is a fee line.
type LePhi struct {
	TenPhiLePhi  string `json:"TenPhiLePhi"`
	MaPhiLePhi   string `json:"MaPhiLePhi"`
	HinhThucThu  string `json:"HinhThucThu"`
	Gia          string `json:"Gia"`
	LoaiPhiLePhi string `json:"LoaiPhiLePhi"`
}

// HoSoBoSung is one supplement request and its answer.
type HoSoBoSung struct {
	HoSoBoSungId         string   `json:"HoSoBoSungId"`
	NguoiYeuCauBoSung    string   `json:"NguoiYeuCauBoSung"`
	NoiDungBoSung        string   `json:"NoiDungBoSung"`
	NgayBoSung           string   `json:"NgayBoSung"`
	NguoiTiepNhanBoSung  string   `json:"NguoiTiepNhanBoSung"`
	ThongTinTiepNhan     string   `json:"ThongTinTiepNhan"`
	NgayTiepNhanBoSung   string   `json:"NgayTiepNhanBoSung"`
	TrangThaiBoSung      string   `json:"TrangThaiBoSung"`
	DanhSachGiayToBoSung []GiayTo `json:"DanhSachGiayToBoSung"`
	DanhSachLePhiBoSung  []LePhi  `json:"DanhSachLePhiBoSung"`
	NgayHenTraTruoc      string   `json:"NgayHenTraTruoc"`
	NgayHenTraMoi        string   `json:"NgayHenTraMoi"`
}

// GiayTo names a requested paper.
type GiayTo struct {
	TenGiayTo string `json:"TenGiayTo"`
}

// GiayToKQ is a result document (not produced by the counter app).
type GiayToKQ struct {
	TenGiayTo            string `json:"TenGiayTo"`
	MaThanhPhanHoSo      string `json:"MaThanhPhanHoSo"`
	GiayToId             string `json:"GiayToId"`
	DuongDanTepTinKetQua string `json:"DuongDanTepTinKetQua"`
	MaGiayToKetQua       string `json:"MaGiayToKetQua"`
}

// TepDinhKem is another attached paper.
type TepDinhKem struct {
	TenGiayTo  string `json:"TenGiayTo"`
	SoLuong    string `json:"SoLuong"`
	LoaiGiayTo string `json:"LoaiGiayTo"`
}

// KetNoiCSDL names a national database used (code list not confirmed,
// domain.md §3.2 [U]); the mapping leaves it empty.
type KetNoiCSDL struct {
	MaCSDL string `json:"MaCSDL"`
}

// TienDo is one CapNhatTienDoHoSoMC progress item.
type TienDo struct {
	MaHoSo                 string `json:"MaHoSo"`
	NguoiXuLy              string `json:"NguoiXuLy"`
	ChucDanh               string `json:"ChucDanh"`
	ThoiDiemXuLy           string `json:"ThoiDiemXuLy"`
	PhongBanXuLy           string `json:"PhongBanXuLy"`
	NoiDungXuLy            string `json:"NoiDungXuLy"`
	TrangThai              string `json:"TrangThai"`
	NgayBatDau             string `json:"NgayBatDau"`
	NgayKetThucTheoQuyDinh string `json:"NgayKetThucTheoQuyDinh"`
}

// Options carry what the dossier does not know.
type Options struct {
	// DonViXuLy is the handling unit's name (default: the procedure's
	// agency).
	DonViXuLy string
	// NoiNopHoSo: R1 always sends "2"; its meaning is not known
	// (domain.md §3.2 [U]). Empty by default.
	NoiNopHoSo string
	// FileURL, when set, returns the public download address of a scan
	// (the portal pulls files itself); without it DuongDanTaiTepTin is "".
	FileURL func(sha256 string) string
}

// eventText is what each event says in QuaTrinhXuLy.
var eventText = map[dossier.EventKind]string{
	dossier.EvReceived:           "Tiếp nhận hồ sơ",
	dossier.EvRefused:            "Từ chối tiếp nhận hồ sơ",
	dossier.EvTransferred:        "Chuyển hồ sơ đến cơ quan giải quyết",
	dossier.EvSupplementRequest:  "Yêu cầu bổ sung, hoàn thiện hồ sơ",
	dossier.EvSupplementReceived: "Tiếp nhận hồ sơ bổ sung",
	dossier.EvObligation:         "Yêu cầu thực hiện nghĩa vụ tài chính",
	dossier.EvObligationPaid:     "Đã thực hiện nghĩa vụ tài chính",
	dossier.EvResultReady:        "Đã xử lý xong, có kết quả",
	dossier.EvReturned:           "Trả kết quả",
	dossier.EvWithdrawn:          "Công dân rút hồ sơ",
	dossier.EvStopped:            "Dừng xử lý hồ sơ",
	dossier.EvExtended:           "Gia hạn thời gian giải quyết (phiếu xin lỗi và hẹn lại)",
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

func yesNo(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// Map builds the portal item and its progress items. Guidance records are
// not national dossiers and are refused.
func Map(d *dossier.Dossier, opt Options) (*HoSo, []TienDo, error) {
	if d.Kind != dossier.KindDossier || d.Code == "" {
		return nil, nil, fmt.Errorf("portal: %s is a guidance record, not a dossier", d.GuidanceNo)
	}
	if !d.Status.Valid() || d.ReceivedAt.IsZero() {
		return nil, nil, fmt.Errorf("portal: dossier %s has no national status or receipt time", d.Code)
	}
	o := d.OwnerParty()
	h := &HoSo{
		MaHoSo: string(d.Code), MaTTHC: d.Procedure.Code, TenTTHC: d.Procedure.Name,
		MaLinhVuc: d.Procedure.FieldCode, TenLinhVuc: d.Procedure.FieldName,
		KenhThucHien: strconv.Itoa(int(d.Channel)), ChuHoSo: o.Name, LoaiDoiTuong: strconv.Itoa(int(o.Kind)),
		Email: o.Email, SoDienThoai: o.Phone,
		TrichYeuHoSo: clipRunes(strings.TrimSpace(d.Summary), 1000),
		NgayNopHoSo:  Date(d.ReceivedAt), NgayTiepNhan: Date(d.ReceivedAt), NgayHenTra: Date(d.Appointment),
		TrangThaiHoSo: d.Status.String(), NgayTra: Date(d.ReturnedAt),
		HinhThuc:                    strconv.Itoa(int(d.ReturnBy)),
		DonViXuLy:                   opt.DonViXuLy,
		NoiNopHoSo:                  opt.NoiNopHoSo,
		HoSoCoThanhPhanSoHoa:        yesNo(d.Digitised()),
		TaiKhoanDuocXacThucVoiVNeID: "0", DuocThanhToanTrucTuyen: "0",
		DinhDanhCHS: []DinhDanh{}, TaiLieuNop: []TaiLieu{}, DanhSachLePhi: []LePhi{}, DanhSachHoSoBoSung: []HoSoBoSung{},
		DanhSachGiayToKetQua: []GiayToKQ{}, DanhSachTepDinhKemKhac: []TepDinhKem{}, DSKetNoiCSDL: []KetNoiCSDL{},
	}
	if h.TrichYeuHoSo == "" {
		h.TrichYeuHoSo = clipRunes(d.Procedure.Name, 1000)
	}
	if h.DonViXuLy == "" {
		h.DonViXuLy = d.Procedure.Agency
	}
	if o.Kind.IsOrganisation() {
		h.SoGiayToChuHoSo = o.TaxCode
	} else {
		h.SoGiayToChuHoSo = o.IDNumber
		if len(o.IDNumber) == 12 && !o.Passport {
			h.DinhDanhCHS = append(h.DinhDanhCHS, DinhDanh{"1", o.IDNumber})
		}
		if len(o.OldID) == 9 {
			h.DinhDanhCHS = append(h.DinhDanhCHS, DinhDanh{"2", o.OldID})
		}
	}
	// End of processing (766 on-time test, §3.3): the first of result
	// ready, returned, stopped; a refusal at the counter has NgayTuChoi.
	if d.Status == dossier.StatusRefused {
		h.NgayTuChoi = Date(d.FinishedAt)
		h.GhiChu = d.Reason
	} else {
		h.NgayKetThucXuLy = Date(d.FinishedAt)
	}
	for _, it := range d.Checklist {
		for _, s := range it.Scans {
			t := TaiLieu{TepDinhKemId: s.SHA256, TenTepDinhKem: s.Name, IsDeleted: "0", MaThanhPhanHoSo: it.Code,
				DuocSoHoa: "1", DuocTaiSuDung: "0", DuocLayTuKhoDMQG: "0"}
			if opt.FileURL != nil {
				t.DuongDanTaiTepTin = opt.FileURL(s.SHA256)
			}
			h.TaiLieuNop = append(h.TaiLieuNop, t)
		}
		if it.Decision == dossier.DecisionNationalData {
			h.TaiLieuNop = append(h.TaiLieuNop, TaiLieu{TenTepDinhKem: it.Name, IsDeleted: "0", MaThanhPhanHoSo: it.Code,
				DuocSoHoa: "1", DuocTaiSuDung: "0", DuocLayTuKhoDMQG: "1"})
		}
	}
	for _, f := range d.Fees {
		// MaPhiLePhi and LoaiPhiLePhi "1" as R1 sends them; HinhThucThu
		// 1 at intake, 4 at return (domain.md §3.2, equivalence [U]).
		h.DanhSachLePhi = append(h.DanhSachLePhi, LePhi{TenPhiLePhi: f.Name, MaPhiLePhi: "1", HinhThucThu: strconv.Itoa(int(f.When)),
			Gia: strconv.FormatInt(f.Amount, 10), LoaiPhiLePhi: "1"})
	}
	var progress []TienDo
	appointment := d.FirstAppointment
	for _, ev := range d.History {
		switch ev.Kind {
		case dossier.EvSupplementRequest:
			n := len(h.DanhSachHoSoBoSung) + 1
			papers := []GiayTo{}
			for _, it := range ev.Items {
				papers = append(papers, GiayTo{it})
			}
			h.DanhSachHoSoBoSung = append(h.DanhSachHoSoBoSung, HoSoBoSung{
				HoSoBoSungId: fmt.Sprintf("%s-BS%d", d.Code, n), NguoiYeuCauBoSung: clipRunes(ev.Actor, 50),
				NoiDungBoSung: ev.Note, NgayBoSung: Date(ev.At), TrangThaiBoSung: "0",
				DanhSachGiayToBoSung: papers, DanhSachLePhiBoSung: []LePhi{}, NgayHenTraTruoc: Date(appointment),
			})
		case dossier.EvSupplementReceived:
			if n := len(h.DanhSachHoSoBoSung); n > 0 {
				b := &h.DanhSachHoSoBoSung[n-1]
				b.NguoiTiepNhanBoSung, b.NgayTiepNhanBoSung, b.TrangThaiBoSung = clipRunes(ev.Actor, 50), Date(ev.At), "1"
				b.ThongTinTiepNhan = ev.Note
				b.NgayHenTraMoi = Date(ev.Appointment)
			}
		}
		if !ev.Appointment.IsZero() {
			appointment = ev.Appointment
		}
		text, ok := eventText[ev.Kind]
		if !ok {
			continue // notes and amendments are not processing steps
		}
		if ev.Note != "" {
			text += ": " + ev.Note
		}
		actor := clipRunes(strings.TrimSpace(ev.Actor), 50)
		if actor == "" {
			actor = "Chuyên viên"
		}
		progress = append(progress, TienDo{MaHoSo: string(d.Code), NguoiXuLy: actor, ThoiDiemXuLy: Date(ev.At),
			PhongBanXuLy: ev.Department, NoiDungXuLy: clipRunes(text, 1000), TrangThai: ev.To.String(),
			NgayKetThucTheoQuyDinh: Date(appointment)})
	}
	if progress == nil {
		progress = []TienDo{}
	}
	h.QuaTrinhXuLy = progress
	return h, progress, nil
}
