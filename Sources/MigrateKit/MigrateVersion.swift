/// This release of migrate, recorded with every applied revision.
package enum MigrateVersion {
    package static let current = "0.1.0"
}
