/*
 * bcryptprimitives.dll stand-in for TESTING UNDER WINE ONLY. Never shipped.
 *
 * python-calamine (the spreadsheet reader) is built with Rust 1.78 or later, whose
 * standard library draws random numbers from ProcessPrng in Windows' own
 * bcryptprimitives.dll (Windows 10 and later). Wine 8 has no such DLL, so the reader
 * cannot load there. This one export answers from RtlGenRandom (advapi32's
 * SystemFunction036), which Wine has. build_windows.sh compiles it into the Wine
 * prefix's system32 and checks that neither the frozen folder nor setup.exe holds it.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll bcryptprimitives_stub.c -ladvapi32
 */
#include <windows.h>

#define EXPORT __declspec(dllexport)

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

EXPORT BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
