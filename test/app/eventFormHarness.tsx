import { render } from '@testing-library/react';
import { ComponentType, useState } from 'react';
import { EventForm, EventFormSectionProps, newEventForm } from '../../src/packages/staff/eventForm';

/**
 * Renders one section of the staff's event editor as the editor does (the form in state, changed by
 * `update`), starting from a new event's form with `overrides`; `form()` is the form as it is now.
 */
export function renderSection<P extends EventFormSectionProps>(
  Section: ComponentType<P>,
  overrides: Partial<EventForm> = {},
  props: Omit<P, keyof EventFormSectionProps> = {} as Omit<P, keyof EventFormSectionProps>,
) {
  let current: EventForm = { ...newEventForm(new Date('2026-11-24T02:00:00Z')), ...overrides };
  function Harness() {
    const [form, setForm] = useState(current);
    current = form;
    const sectionProps = { ...props, form, update: (patch: Partial<EventForm>) => setForm((f) => ({ ...f, ...patch })) } as P;
    return <Section {...sectionProps} />;
  }
  render(<Harness />);
  return { form: () => current };
}
