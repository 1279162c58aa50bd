/// A function or procedure written in any language (aggregates and window functions are not supported).
package struct CatalogFunction: Hashable, Sendable {
    package var identity: FunctionIdentity
    package var isProcedure: Bool
    /// `pg_get_function_arguments`: names, modes, types and defaults.
    package var arguments: String
    /// `pg_get_function_result`; `nil` for procedures.
    package var result: String?
    /// `pg_get_function_identity_arguments`: like ``arguments`` without defaults.
    package var identityArguments: String
    /// The complete `CREATE OR REPLACE FUNCTION` statement from `pg_get_functiondef`, without a final newline.
    package var definition: String
    package var comment: String?

    package init(
        identity: FunctionIdentity,
        isProcedure: Bool,
        arguments: String,
        result: String?,
        identityArguments: String,
        definition: String,
        comment: String? = nil
    ) {
        self.identity = identity
        self.isProcedure = isProcedure
        self.arguments = arguments
        self.result = result
        self.identityArguments = identityArguments
        self.definition = definition
        self.comment = comment
    }
}
