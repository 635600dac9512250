import { useCallback, useState } from 'react';
import { Alert, Button, Empty, Flex, Input, Space } from 'antd';
import { CameraOutlined, ScanOutlined } from '@ant-design/icons';
import { useLookup } from '../../api/gate';
import { CameraScanner, canScanWithCamera } from './camera-scanner';
import { PassCard } from './pass-card';
import { SlipCard } from './slip-card';
import { useGateI18n } from './use-gate-i18n';

/**
 * Scan or look up: a text field that a keyboard-wedge scanner types into (it ends with Enter),
 * the camera where the browser can read QR codes, and the results with their verdicts.
 */
export function ScanCard({ communityId }: { communityId?: string }) {
  const { t } = useGateI18n();
  const [q, setQ] = useState('');
  const [submitted, setSubmitted] = useState('');
  const [camera, setCamera] = useState(false);
  // Every scan is a new verification: a new number mounts fresh cards and asks the server again,
  // even for the same code (a carrier showing a slip that was just used).
  const [scanNo, setScanNo] = useState(0);
  const { data: result, error, isFetching, refetch } = useLookup(submitted, communityId);
  const search = (text: string) => {
    const next = text.trim();
    setScanNo((n) => n + 1);
    if (next === submitted) void refetch();
    else setSubmitted(next);
  };
  const onCamera = useCallback((text: string) => {
    setCamera(false);
    setQ(text);
    setScanNo((n) => n + 1);
    setSubmitted(text.trim());
  }, []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Flex gap={8}>
        <Input
          size="large"
          allowClear
          autoFocus
          value={q}
          prefix={<ScanOutlined />}
          placeholder={t('scan.placeholder')}
          aria-label={t('scan.title')}
          onChange={(e) => setQ(e.target.value)}
          onPressEnter={() => search(q)}
          data-testid="scan-input"
        />
        <Button size="large" type="primary" loading={isFetching} onClick={() => search(q)}>
          {t('scan.submit')}
        </Button>
      </Flex>
      {canScanWithCamera() ? (
        <Button icon={<CameraOutlined />} onClick={() => setCamera((c) => !c)} block size="large">
          {camera ? t('scan.cameraStop') : t('scan.camera')}
        </Button>
      ) : null}
      {camera ? <CameraScanner onRead={onCamera} failedText={t('scan.cameraFailed')} /> : null}
      {error ? <Alert type="error" showIcon title={error.message} data-testid="scan-error" /> : null}
      {result && result.passes.length + result.slips.length === 0 ? <Empty description={t('scan.none')} /> : null}
      {result?.passes.map((p) => <PassCard key={`${p.id}:${scanNo}`} pass={p} />)}
      {result?.slips.map((s) => <SlipCard key={`${s.id}:${scanNo}`} slip={s} />)}
    </Space>
  );
}
