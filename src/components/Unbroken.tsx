import { Text } from '@tarojs/components';
import { Fragment } from 'react';
import { unbreakablePieces } from '../format';

/** A date and time as the resident reads it, each piece kept on one line (see unbreakablePieces). */
export function Unbroken({ text }: { text: string }) {
  return (
    <Text className='moment' data-moment={text}>
      {unbreakablePieces(text).map((piece, i) => (
        <Fragment key={i}>
          {i > 0 && ' '}
          <Text className='nowrap'>{piece}</Text>
        </Fragment>
      ))}
    </Text>
  );
}
