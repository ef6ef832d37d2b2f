/** The part of madge's API that test/architecture.test.ts uses: madge 8 ships no type declarations. */
declare module 'madge' {
  namespace madge {
    interface Config {
      /** The directory the graph's module names are relative to. */
      baseDir?: string;
      fileExtensions?: string[];
      /** A tsconfig.json, for how TypeScript resolves imports (`.js` specifiers naming `.ts` files). */
      tsConfig?: string;
    }
    interface Graph {
      /** Each module with the modules it imports, type-only imports included. */
      obj(): Record<string, string[]>;
      /** Every import cycle, each as the modules on it in import order. */
      circular(): string[][];
    }
  }
  function madge(paths: string | string[], config?: madge.Config): Promise<madge.Graph>;
  export = madge;
}
