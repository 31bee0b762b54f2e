/**
 * Finds a date and time as the pages write it (components/Unbroken): its pieces are separate elements so
 * that a long one may wrap between them, so the whole is matched on the element that holds them.
 */
export const moment =
  (text: string) =>
  (_content: string, element: Element | null): boolean =>
    element?.getAttribute('data-moment') === text;
