using System.Runtime.InteropServices;

namespace OrleansChat.LoadTest.Hosting;

internal static partial class NativeSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM (a graceful stop); Process.Kill only sends SIGKILL.</summary>
    public static int Terminate(int pid) => Kill(pid, SigTerm);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
