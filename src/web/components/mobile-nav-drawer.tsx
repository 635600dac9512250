import { Drawer } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import { Brand } from './brand';
import { NavMenu } from './nav-menu';

/** The menu on phones, in a drawer from the left. Loaded when it is first opened (console-layout.tsx). */
export function MobileNavDrawer(props: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer placement="left" size={264} open={props.open} onClose={props.onClose} title={<Brand />} styles={{ body: { padding: 8 } }}>
      <nav aria-label={t('nav.menu')}>
        <NavMenu onNavigate={props.onClose} />
      </nav>
    </Drawer>
  );
}
