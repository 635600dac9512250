import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n-context';
import { entryForPath, navEntriesFor } from '../nav-registry';
import { useSession } from './session';

/** The console menu: the registry's entries the user's roles may open. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useSession();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const current = entryForPath(location.pathname);

  return (
    <Menu
      mode="inline"
      selectedKeys={current ? [current.path] : []}
      style={{ borderInlineEnd: 'none', fontSize: 15 }}
      items={navEntriesFor(me.roles).map((entry) => ({
        key: entry.path,
        icon: entry.icon,
        label: t(entry.labelKey),
      }))}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
