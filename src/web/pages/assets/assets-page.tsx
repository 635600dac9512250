import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found/not-found-page';
import { AssetDetailPage } from './asset-detail-page';
import { AssetListPage } from './asset-list-page';

/** 设施设备: the register, and one page per asset (where a printed label's QR code leads). */
export function AssetsPage() {
  return (
    <Routes>
      <Route index element={<AssetListPage />} />
      <Route path=":id" element={<AssetDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
