// The route kit is shared by every module; work-order routes keep importing it from here.
export { ERRORS, idParams } from '../../../http/route-kit';

export const tags = ['work orders'];
