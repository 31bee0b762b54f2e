import { render, screen } from '@testing-library/react';
import fs from 'fs';
import path from 'path';
import { Icon } from '../../src/components/Icon';
import { FieldProblem } from '../../src/components/FieldProblem';

const svgOf = (style: string) => Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(style)![1], 'base64').toString('utf8');

describe('Icon: an SVG of the app’s set, in the text’s colour and size', () => {
  test('draws the named SVG as a mask over the text colour, 1.2em square, hidden from screen readers', () => {
    const { container } = render(<Icon name='phone' />);
    const icon = container.querySelector('[data-icon="phone"]') as HTMLElement;
    expect(icon).toHaveAttribute('aria-hidden', 'true');
    const style = icon.getAttribute('style')!;
    expect(style).toMatch(/mask: url\("data:image\/svg\+xml;base64,/);
    expect(svgOf(style)).toBe(fs.readFileSync(path.join(__dirname, '../../src/assets/icons/phone.svg'), 'utf8'));
    expect(icon.style.backgroundColor).toMatch(/^currentcolor$/i);
    // em: it grows with 长辈模式 and WeChat's font setting as the words beside it do.
    expect([icon.style.width, icon.style.height]).toEqual(['1.2em', '1.2em']);
  });

  test('stands beside words: a problem reads as its text, the icon adds no text of its own', () => {
    render(<FieldProblem text='请填写电话' />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/^请填写电话$/);
    expect(alert.querySelector('[data-icon="warning"]')).not.toBeNull();
  });
});
