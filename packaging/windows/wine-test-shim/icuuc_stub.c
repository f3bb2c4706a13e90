/*
 * icuuc.dll stand-in for TESTING UNDER WINE ONLY. Never shipped.
 *
 * PySide6's Qt6Core.dll imports ~20 ucnv_* functions from Windows' own icuuc.dll
 * (part of Windows 10 1703 and later). Wine 8 has no icuuc.dll, so Qt cannot load
 * there at all. This stub exports the same names; every converter call fails, as if
 * ICU knew no extra code pages, and Qt falls back to its built-in UTF-8/16/Latin-1
 * codecs -- all the program uses. build_windows.sh compiles it into the Wine
 * prefix's system32 and checks that neither the frozen folder nor setup.exe holds it.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o icuuc.dll icuuc_stub.c
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
#define U_UNSUPPORTED_ERROR 16

typedef int UErrorCode;
typedef uint16_t UChar;
typedef void UConverter;
typedef void (*AnyCallback)(void);

static void refuse(UErrorCode *err)
{
    if (err != NULL && *err <= 0)
        *err = U_UNSUPPORTED_ERROR;
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err) { (void)name; refuse(err); return NULL; }
EXPORT void ucnv_close(UConverter *cnv) { (void)cnv; }
EXPORT void ucnv_reset(UConverter *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const UConverter *cnv, UErrorCode *err) { (void)cnv; refuse(err); return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name; (void)standard; refuse(err); return NULL;
}

EXPORT void ucnv_getToUCallBack(const UConverter *cnv, AnyCallback *action, const void **context)
{
    (void)cnv;
    if (action) *action = NULL;
    if (context) *context = NULL;
}

EXPORT void ucnv_getFromUCallBack(const UConverter *cnv, AnyCallback *action, const void **context)
{
    ucnv_getToUCallBack(cnv, action, context);
}

EXPORT void ucnv_setToUCallBack(UConverter *cnv, AnyCallback action, const void *context,
                                AnyCallback *old_action, const void **old_context, UErrorCode *err)
{
    (void)cnv; (void)action; (void)context;
    if (old_action) *old_action = NULL;
    if (old_context) *old_context = NULL;
    refuse(err);
}

EXPORT void ucnv_setFromUCallBack(UConverter *cnv, AnyCallback action, const void *context,
                                  AnyCallback *old_action, const void **old_context, UErrorCode *err)
{
    ucnv_setToUCallBack(cnv, action, context, old_action, old_context, err);
}

EXPORT void ucnv_toUnicode(UConverter *cnv, UChar **target, const UChar *target_limit,
                           const char **source, const char *source_limit, int32_t *offsets,
                           int8_t flush, UErrorCode *err)
{
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit;
    (void)offsets; (void)flush; refuse(err);
}

EXPORT void ucnv_fromUnicode(UConverter *cnv, char **target, const char *target_limit,
                             const UChar **source, const UChar *source_limit, int32_t *offsets,
                             int8_t flush, UErrorCode *err)
{
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit;
    (void)offsets; (void)flush; refuse(err);
}

EXPORT int32_t ucnv_toUCountPending(const UConverter *cnv, UErrorCode *err) { (void)cnv; refuse(err); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *cnv, UErrorCode *err) { (void)cnv; refuse(err); return 0; }

EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length,
                                  int32_t offset_index, UErrorCode *err)
{
    (void)args; (void)source; (void)length; (void)offset_index; refuse(err);
}

EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *source_limit,
                                    int32_t offset_index, UErrorCode *err)
{
    (void)args; (void)source; (void)source_limit; (void)offset_index; refuse(err);
}

/* ICU's stock substitution callbacks: Qt only passes their addresses back to ICU. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *code_units,
                                            int32_t length, int32_t code_point, int reason,
                                            UErrorCode *err)
{
    (void)context; (void)args; (void)code_units; (void)length; (void)code_point; (void)reason;
    refuse(err);
}

EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *code_units,
                                          int32_t length, int reason, UErrorCode *err)
{
    (void)context; (void)args; (void)code_units; (void)length; (void)reason; refuse(err);
}
