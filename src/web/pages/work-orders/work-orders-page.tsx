import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found/not-found-page';
import { ListPage } from './list-page';
import { OrderPage } from './order-page';
import { PrintPage } from './print-page';

/** Everything under /work-orders that is not its own menu entry: the list, an order, its slip. */
export function WorkOrdersPage() {
  return (
    <Routes>
      <Route index element={<ListPage />} />
      <Route path=":id" element={<OrderPage />} />
      <Route path=":id/print" element={<PrintPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
