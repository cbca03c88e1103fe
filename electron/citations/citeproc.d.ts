// Types for the parts of citeproc-js (the `citeproc` package, CommonJS, no types of its own) that
// electron/citations/engine.ts uses. Only the engine module imports citeproc; callers see Dossier's own types.
declare module 'citeproc' {
  namespace CSL {
    /** What the engine asks the host for; both calls must answer synchronously. */
    interface Sys {
      retrieveLocale(lang: string): string;
      retrieveItem(id: string): object;
    }

    interface BibliographyMeta {
      hangingindent: boolean | number;
      entryspacing: number;
      linespacing: number;
      bibstart: string;
      bibend: string;
      entry_ids: string[][];
    }

    interface CitationItem {
      id: string;
      locator?: string;
      label?: string;
    }

    /** An item's entry in citeproc's registry (internal, read by the partitioned bibliography). */
    interface RegistryToken {
      id: string;
      /** The bibliography sort keys, rendered; false or undefined before they are set. */
      sortkeys: (string | undefined)[] | false | undefined;
      /** The ambiguity key: the item's citation before disambiguation. */
      ambig: string | false;
    }

    interface Engine {
      opt: { xclass: 'in-text' | 'note'; 'default-locale-sort': string };
      /** Internal: the item registry (disambiguation groups, the name register, the sorted list). */
      registry: {
        registry: Record<string, RegistryToken>;
        reflist: RegistryToken[];
        /** Name-register keys (family names as citeproc compares them) by item id. */
        namereg: { nameindpkeys: Record<string, Record<string, unknown>> };
      };
      /** Internal: the bibliography's sort directions, [ascending, descending] results per key. */
      bibliography_sort: { opt: { sort_directions: [number, number][] } };
      setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
      updateItems(ids: string[]): void;
      /** False when the style has no bibliography. */
      makeBibliography(): [BibliographyMeta, string[]] | false;
      makeCitationCluster(items: CitationItem[]): string;
    }
  }

  const CSL: {
    Engine: new (sys: CSL.Sys, style: string, lang?: string, forceLang?: boolean) => CSL.Engine;
    /** Where citeproc sends its warnings (console.log by default). */
    debug: (message: string) => void;
    /** The string comparison sorting uses, made per engine state (`this`) for a locale. */
    getSortCompare: (this: unknown, defaultLocale: string) => (a: string, b: string) => number;
    /** Lower-casing in the engine state's languages. */
    toLocaleLowerCase: (this: unknown, text: string) => string;
  };
  export = CSL;
}
