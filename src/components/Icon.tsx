import { Text } from '@tarojs/components';
import alertTriangle from '../assets/icons/alert-triangle.svg';
import circleCheck from '../assets/icons/circle-check.svg';
import hourglass from '../assets/icons/hourglass.svg';
import inbox from '../assets/icons/inbox.svg';
import infoCircle from '../assets/icons/info-circle.svg';
import mapPin from '../assets/icons/map-pin.svg';
import navigation from '../assets/icons/navigation.svg';
import phone from '../assets/icons/phone.svg';
import walk from '../assets/icons/walk.svg';

/** The app's icons by what they mean (the files are Tabler Icons, src/assets/icons). */
const ICONS = {
  warning: alertTriangle,
  info: infoCircle,
  done: circleCheck,
  waiting: hourglass,
  empty: inbox,
  phone,
  walk,
  place: mapPin,
  directions: navigation,
} as const;

export type IconName = keyof typeof ICONS;

/**
 * An icon drawn in the colour and at the size of the text around it (1.2em), so it follows 长辈模式 and
 * WeChat's font setting. The SVG is a CSS mask over the text colour: the same on weapp and h5, and no
 * emoji font needed. Always beside words that say the same (hidden from screen readers): never the only signal.
 */
export function Icon({ name }: { name: IconName }) {
  const mask = `url("${ICONS[name]}") center / contain no-repeat`;
  return <Text className='icon' aria-hidden='true' data-icon={name} style={{ ...STYLE, WebkitMask: mask, mask }} />;
}

const STYLE = {
  display: 'inline-block',
  width: '1.2em',
  height: '1.2em',
  verticalAlign: '-0.2em',
  marginRight: '0.25em',
  flexShrink: 0,
  backgroundColor: 'currentColor',
};
