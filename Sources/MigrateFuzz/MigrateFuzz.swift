// `MigrateFuzz HARNESS [libFuzzer options] [CORPUS...]`: runs one harness under libFuzzer when built with
// `-sanitize=fuzzer -DFUZZING` (scripts/fuzz does this); otherwise replays the given files once each, so the
// target builds and runs with the rest of the package.

import LibC
import MigrateKit

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    private func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    // libFuzzer calls back through a C function pointer, which cannot capture the chosen harness.
    nonisolated(unsafe) private var chosen: FuzzHarness?
#endif

@main
enum MigrateFuzz {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2, let harness = FuzzHarness.named(arguments[1]) else {
            let names = FuzzHarness.all.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
            printError("usage: MigrateFuzz HARNESS [libFuzzer options] [CORPUS...]\nharnesses:\n\(names)\n")
            exit(2)
        }
        #if FUZZING
            chosen = harness
            // libFuzzer sees the program name and what follows the harness name.
            let argv = CommandLine.unsafeArgv
            argv[1] = argv[0]
            var shifted = argv + 1
            var argc = CommandLine.argc - 1
            exit(
                runFuzzerDriver(&argc, &shifted) { data, count in
                    chosen!.run(count == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: count)))
                    return 0
                }
            )
        #else
            var replayed = 0
            for path in arguments.dropFirst(2) {
                guard let bytes = try? WholeFile.bytes(at: path) else {
                    printError("MigrateFuzz: cannot read \(path)\n")
                    exit(1)
                }
                harness.run(bytes)
                replayed += 1
            }
            print("\(harness.name): \(replayed) inputs replayed, no crash")
        #endif
    }

    private static func printError(_ text: String) {
        var text = text
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}
