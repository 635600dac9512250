/** A named set of list filters (the query string of the list page). */
export interface SavedView {
  name: string;
  params: string;
}

const keyFor = (userId: string) => `wuye.workOrders.views.${userId}`;

/** The user's saved views in this browser, in the order they were saved. */
export function readViews(userId: string): SavedView[] {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(keyFor(userId)) ?? '[]');
    return Array.isArray(raw)
      ? raw.filter((v): v is SavedView => typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.params === 'string')
      : [];
  } catch {
    return []; // unreadable or storage disabled: start without views
  }
}

function write(userId: string, views: SavedView[]): SavedView[] {
  try {
    window.localStorage.setItem(keyFor(userId), JSON.stringify(views));
  } catch {
    // Storage full or disabled: the views still work until the page is reloaded.
  }
  return views;
}

/** Saves (or replaces, by name) a view and returns the new list. */
export function saveView(userId: string, view: SavedView): SavedView[] {
  return write(userId, [...readViews(userId).filter((v) => v.name !== view.name), view]);
}

/** Deletes a view by name and returns the new list. */
export function deleteView(userId: string, name: string): SavedView[] {
  return write(userId, readViews(userId).filter((v) => v.name !== name));
}
