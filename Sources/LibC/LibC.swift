// The platform's C library, for every module that calls POSIX: `import LibC` instead of a
// `#if canImport(Glibc)` block in each file. Calls that a method of the same name hides are written
// `LibC.write(...)`, which works on every platform.
#if canImport(Glibc)
    @_exported import Glibc
#elseif canImport(Musl)
    @_exported import Musl
#elseif canImport(Darwin)
    @_exported import Darwin
#else
    #error("no C library module for this platform")
#endif

/// `send` flags that make writing to a socket whose reader has gone fail with `EPIPE` instead of raising
/// `SIGPIPE`. Darwin has no such flag (a socket there takes the `SO_NOSIGPIPE` option instead).
#if canImport(Darwin)
    public let sendWithoutSIGPIPE: Int32 = 0
#else
    public let sendWithoutSIGPIPE = Int32(MSG_NOSIGNAL)
#endif
