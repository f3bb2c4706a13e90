; NSIS script for the CPPCC Desk (政协履职工作台) Windows installer.
;
; Built by packaging/windows/build_windows.sh, which passes:
;   /DVERSION=0.1.0  /DVERSION4=0.1.0.0  /DSOURCE_DIR=<frozen onedir>  /DOUTFILE=<setup.exe>
;   /DAPP_ICON=<resources/icons/app.ico>
;
; Per-user install, no administrator rights: %LOCALAPPDATA%\Programs\cppcc-desk.
; The office's data lives elsewhere, in %LOCALAPPDATA%\cppcc-desk (platformdirs'
; user_data_path("cppcc-desk", appauthor=False)): installing, upgrading and uninstalling
; leave it alone; only the uninstaller's unticked-by-default option deletes it.

Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include WinVer.nsh

!ifndef VERSION | VERSION4 | SOURCE_DIR | OUTFILE | APP_ICON
  !error "run through packaging/windows/build_windows.sh (VERSION, VERSION4, SOURCE_DIR, OUTFILE, APP_ICON)"
!endif

!define APP_NAME "cppcc-desk"
!define APP_TITLE "政协履职工作台"
!define PUBLISHER "政协履职工作台项目组" ; same as CompanyName in packaging/cppcc-desk.spec
!define GUI_EXE "${APP_NAME}.exe"
!define CLI_EXE "${APP_NAME}-cli.exe"
!define UNINSTALLER "uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
!define SHORTCUT "${APP_TITLE}.lnk"
; The program's data folder on Windows (see the header).
!define DATA_DIR "$LOCALAPPDATA\${APP_NAME}"

Name "${APP_TITLE}"
Caption "${APP_TITLE} ${VERSION} 安装"
UninstallCaption "${APP_TITLE} 卸载"
BrandingText "${APP_TITLE} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
ShowInstDetails hide
ShowUninstDetails hide
SpaceTexts none ; "所需空间" means nothing to a clerk here

; --- pages ------------------------------------------------------------------------------
!define MUI_ICON "${APP_ICON}"
!define MUI_UNICON "${APP_ICON}"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "确定要退出${APP_TITLE}安装吗？"

!define MUI_WELCOMEPAGE_TITLE "欢迎安装${APP_TITLE} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "本程序将把${APP_TITLE}安装到当前用户的文件夹中，不需要管理员权限，也不需要联网。$\r$\n$\r$\n如果这台电脑上已经装有旧版本，将直接升级；本单位已录入的数据会保留，程序下次启动时会先自动备份数据库，再完成升级。$\r$\n$\r$\n请先关闭正在运行的${APP_TITLE}，然后点击“安装”。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${APP_TITLE}已安装完成"
!define MUI_FINISHPAGE_TEXT "桌面和“开始”菜单中已添加“${APP_TITLE}”图标，双击即可打开。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APP_TITLE}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_COMPONENTSPAGE_TEXT_TOP "将删除程序文件和快捷方式。本单位的数据（数据库、备份和日志）默认保留，重新安装后可以继续使用；只有勾选第二项，才会一并删除数据。"
!define MUI_COMPONENTSPAGE_TEXT_COMPLIST "要删除的内容："
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

; --- file properties of setup.exe --------------------------------------------------------
VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APP_TITLE}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APP_TITLE} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "OriginalFilename" "${APP_NAME}-${VERSION}-win64-setup.exe"

; --- shared checks ---------------------------------------------------------------------------
; A running program keeps its .exe locked: files could not be replaced or removed. Opening
; the .exe for writing fails exactly then. Silent runs give up with exit code 2.
!macro WAIT_UNTIL_CLOSED EXE
  ${Do}
    ClearErrors
    ${IfNot} ${FileExists} "$INSTDIR\${EXE}"
      ${Break}
    ${EndIf}
    FileOpen $R9 "$INSTDIR\${EXE}" a
    ${IfNot} ${Errors}
      FileClose $R9
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_TITLE}正在运行。请先关闭它（包括所有窗口），再点击“重试”。" /SD IDCANCEL IDRETRY +3
    SetErrorLevel 2
    Quit
  ${Loop}
!macroend

; --- install -----------------------------------------------------------------------------------
Function .onInit
  ; Qt 6 and Python 3.11 need 64-bit Windows 10 version 1809 (build 17763) or later.
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_OK|MB_ICONSTOP "${APP_TITLE}需要 64 位的 Windows 10（1809 或更新版本）或 Windows 11。$\r$\n这台电脑的 Windows 版本太旧，无法安装（Windows 7、8.1 不能使用）。" /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
FunctionEnd

Section "-program"
  ; Never let the program folder and the data folder be the same place: the uninstaller
  ; removes the program folder's files.
  ${If} "$INSTDIR" == "${DATA_DIR}"
    MessageBox MB_OK|MB_ICONSTOP "不能安装到数据文件夹 ${DATA_DIR}。请换一个文件夹。" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  !insertmacro WAIT_UNTIL_CLOSED "${GUI_EXE}"
  !insertmacro WAIT_UNTIL_CLOSED "${CLI_EXE}"

  ; Upgrade: remove the old program files first (a newer version may ship fewer files),
  ; never the data folder, which lives elsewhere.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"

  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "${APP_TITLE}：县（市）政协履职工作软件"
  CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 \
    SW_SHOWNORMAL "" "${APP_TITLE}：县（市）政协履职工作软件"

  ; Entry in Settings > Apps / Control Panel > Programs (per user).
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_TITLE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

; --- uninstall -----------------------------------------------------------------------------
Section "un.程序文件和快捷方式" SecProgram
  SectionIn RO
  !insertmacro WAIT_UNTIL_CLOSED "${GUI_EXE}"
  !insertmacro WAIT_UNTIL_CLOSED "${CLI_EXE}"
  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"
  ; Only what the installer put there: $INSTDIR may have been chosen by hand (/D=).
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd

; Unticked by default, so a silent uninstall (/S) keeps the data too.
Section /o "un.同时删除本单位的数据（含备份）" SecData
  ${If} ${FileExists} "${DATA_DIR}\*.*"
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "将永久删除本单位在本机的全部数据，包括数据库、所有备份和日志：$\r$\n${DATA_DIR}$\r$\n$\r$\n删除后无法恢复。确定删除吗？" /SD IDNO IDYES +2
    Goto done
    RMDir /r "${DATA_DIR}"
  ${EndIf}
  done:
SectionEnd
