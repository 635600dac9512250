import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../components/session';

/** Value of `?community=` that means the company's own standards. */
export const COMPANY_SCOPE = 'company';

export interface StandardsScope {
  /** The community looked at, or null for the company's standards. */
  communityId: string | null;
  communityName: string | null;
  /** The communities the user may pick, and whether "company" is offered too. */
  communities: { id: string; name: string }[];
  offersCompany: boolean;
  setCommunityId: (id: string | null) => void;
  /** `?community=...` to keep the choice on links between the standards pages. */
  search: string;
}

/**
 * The company or community the standards pages look at, kept in the address (`?community=`).
 * Staff default to their first community; company admins may also choose the company itself,
 * and anyone without a community sees the company's standards.
 */
export function useStandardsScope(): StandardsScope {
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const offersCompany = me.roles.includes('company_admin') || me.communities.length === 0;
  const asked = params.get('community');
  const known = me.communities.find((c) => c.id === asked);
  const communityId =
    known?.id ?? (asked === COMPANY_SCOPE && offersCompany ? null : (me.communities[0]?.id ?? null));

  const setCommunityId = useCallback(
    (id: string | null) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('community', id ?? COMPANY_SCOPE);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return {
    communityId,
    communityName: me.communities.find((c) => c.id === communityId)?.name ?? null,
    communities: me.communities,
    offersCompany,
    setCommunityId,
    search: `?community=${communityId ?? COMPANY_SCOPE}`,
  };
}
