; motcua installer for Windows 10/11 (64-bit). Built by scripts/windows.sh:
;
;   makensis -INPUTCHARSET UTF8 -DRES=<winpack gen folder> -DDIST=<exe folder> \
;            -DOUTFILE=<setup.exe> packaging/motcua.nsi
;
; RES holds app.nsh (APP_NAME, APP_VERSION, APP_VERSION4, APP_PUBLISHER, APP_ID
; from FyneApp.toml) and motcua.ico; DIST holds motcua.exe, motcuactl.exe and
; README-windows.txt.
;
; What it does (docs/windows.md):
; - installs for all users into Program Files\motcua (administrator rights);
; - Start-menu shortcut, optional desktop shortcut (both for all users);
; - registers the uninstaller in Add/Remove Programs with version, publisher,
;   size and icon;
; - upgrades in place: finds the existing folder from the registry and replaces
;   the programs; refuses while motcua is running;
; - NEVER touches the user data folder %AppData%\motcua (database, key file,
;   scans, backups) on install, upgrade or uninstall.
;
; Silent use (mass deployment):
;   motcua-setup-X.Y.Z.exe /S [/NODESKTOP] [/D=C:\path\motcua]   (/D last, unquoted)
;   "C:\Program Files\motcua\uninstall.exe" /S
; Exit code 0 on success; 2 when aborted (motcua running, Windows too old,
; not an administrator).

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel admin
ManifestDPIAware true
ManifestSupportedOS Win10

!ifndef RES | DIST | OUTFILE
  !error "define RES, DIST and OUTFILE (see the comment at the top)"
!endif
!include "${RES}\app.nsh"

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include WinVer.nsh

!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
!define EXE "${APP_NAME}.exe"
!define CTL "${APP_NAME}ctl.exe"

Name "${APP_NAME} ${APP_VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
; Upgrades go where the previous version is.
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${APP_VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${APP_VERSION4}"
VIFileVersion "${APP_VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "CompanyName" "${APP_PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "Cài đặt ${APP_NAME} ${APP_VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${APP_VERSION4}"
VIAddVersionKey /LANG=0 "ProductVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "© ${APP_PUBLISHER}"

!define MUI_ICON "${RES}\motcua.ico"
!define MUI_UNICON "${RES}\motcua.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_TEXT "Đã cài đặt ${APP_NAME} ${APP_VERSION}.$\r$\n$\r$\nMở ${APP_NAME} từ trình đơn Start. Dữ liệu của từng người dùng nằm trong %AppData%\${APP_NAME} và được giữ nguyên khi nâng cấp hoặc gỡ bỏ."
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Chương trình ${APP_NAME} sẽ được gỡ khỏi máy. Dữ liệu (cơ sở dữ liệu, tệp khóa, bản quét, bản sao lưu) trong %AppData%\${APP_NAME} của từng người dùng KHÔNG bị xóa."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Var Upgrade ; "1" when a previous install was found

; CheckNotRunning aborts when motcua.exe in $INSTDIR is running: Windows
; does not let a running program's file be opened for writing.
!macro CHECK_NOT_RUNNING un
Function ${un}CheckNotRunning
  ${If} ${FileExists} "$INSTDIR\${EXE}"
  retry:
    ClearErrors
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} đang chạy. Hãy đóng ${APP_NAME} (ở mọi phiên làm việc trên máy này) rồi bấm Thử lại." /SD IDCANCEL IDRETRY retry
      DetailPrint "${APP_NAME} is running: aborted"
      SetErrorLevel 2
      Quit
    ${EndIf}
    FileClose $0
  ${EndIf}
FunctionEnd
!macroend
!insertmacro CHECK_NOT_RUNNING ""
!insertmacro CHECK_NOT_RUNNING "un."

Section "${APP_NAME} (bắt buộc)" SecMain
  SectionIn RO
  SetShellVarContext all
  Call CheckNotRunning
  ${If} $Upgrade == "1"
    DetailPrint "Upgrading the installation in $INSTDIR"
  ${EndIf}
  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "${DIST}\${EXE}"
  File "${DIST}\${CTL}"
  File "${DIST}\README-windows.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${APP_NAME} – phần mềm một cửa"

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${APP_PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKLM "${UNINST_KEY}" "AppID" "${APP_ID}"
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Lối tắt trên màn hình nền" SecDesktop
  SetShellVarContext all
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${APP_NAME} – phần mềm một cửa"
SectionEnd

Section "-DesktopOff"
  SetShellVarContext all
  ${IfNot} ${SectionIsSelected} ${SecDesktop}
    Delete "$DESKTOP\${APP_NAME}.lnk"
  ${EndIf}
SectionEnd

; The uninstaller removes exactly what the installer put down. User data in
; %AppData%\motcua (every user's) stays: no RMDir /r anywhere.
Section "Uninstall"
  SetShellVarContext all
  Call un.CheckNotRunning
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CTL}"
  Delete "$INSTDIR\README-windows.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  DeleteRegKey HKLM "${UNINST_KEY}"
SectionEnd

; After the sections: it refers to ${SecDesktop}.
Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} cần Windows 10 hoặc mới hơn (64-bit)." /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 != "Admin"
    MessageBox MB_OK|MB_ICONSTOP "Cần quyền quản trị (Administrator) để cài ${APP_NAME} vào Program Files." /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  SetShellVarContext all
  StrCpy $Upgrade ""
  ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\${EXE}"
    StrCpy $Upgrade "1"
    ; Keep the previous choice: no desktop shortcut then, none now.
    ${IfNot} ${FileExists} "$DESKTOP\${APP_NAME}.lnk"
      !insertmacro UnselectSection ${SecDesktop}
    ${EndIf}
  ${EndIf}
  ${GetParameters} $1
  ClearErrors
  ${GetOptions} $1 "/NODESKTOP" $2
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecDesktop}
  ${EndIf}
FunctionEnd
