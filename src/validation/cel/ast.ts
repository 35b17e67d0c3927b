/** A node of a CEL syntax tree, as @bufbuild/cel's parser gives it (what the planner and the fast path read). */
export interface AstExpr {
  readonly exprKind: { readonly case: string | undefined; readonly value?: any };
}
