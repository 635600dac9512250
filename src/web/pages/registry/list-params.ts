import { useSearchParams } from 'react-router';

export const PAGE_SIZES = [20, 50, 100];

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * A list's filters and page kept in the address, so a filtered view survives a reload and can be
 * shared. Changing a filter goes back to page 1.
 */
export function useListParams<F extends string>(filterNames: readonly F[]) {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? undefined])) as Record<F, string | undefined>;
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), PAGE_SIZES[0] ?? 20);

  const setFilters = (values: Partial<Record<F, string | undefined | null>>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values) as [F, string | undefined | null][]) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    next.delete('page');
    setParams(next, { replace: true });
  };
  const setFilter = (name: F, value: string | undefined | null) => setFilters({ [name]: value } as Partial<Record<F, string | null>>);
  const setPage = (nextPage: number, nextSize: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(nextSize === pageSize ? nextPage : 1));
    next.set('pageSize', String(nextSize));
    setParams(next);
  };
  return { filters, page, pageSize, setFilter, setFilters, setPage };
}
