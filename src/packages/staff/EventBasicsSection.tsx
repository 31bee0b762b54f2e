import { Input, Text, Textarea, View } from '@tarojs/components';
import { EVENT_TYPE_LABELS, EVENT_TYPES } from '../../../contract';
import { ChoiceChips } from '../../components/ChoiceChips';
import { EventFormSectionProps } from './eventForm';

/** What the event is: its type (chosen once, when it is made), its name, what residents read about it and whom they may call. */
export function EventBasicsSection({ form, update, typeFixed }: EventFormSectionProps & { typeFixed: boolean }) {
  return (
    <View className='card' data-testid='event-basics'>
      <View className='field'>
        <View>活动类型</View>
        {typeFixed ? (
          <Text className='t-title'>{EVENT_TYPE_LABELS[form.type]}（建好后不能改类型）</Text>
        ) : (
          <ChoiceChips options={EVENT_TYPES} labels={EVENT_TYPE_LABELS} value={form.type} onChange={(type) => type && update({ type })} />
        )}
      </View>
      <View className='field'>
        <View>活动名称</View>
        <Input
          className='input'
          value={form.title}
          maxlength={40}
          placeholder='例如：清洋社区十二月幸福集市'
          onInput={(e) => update({ title: e.detail.value })}
          aria-label='活动名称'
        />
      </View>
      <View className='field'>
        <View>活动介绍</View>
        <Textarea
          className='input'
          value={form.description}
          maxlength={1000}
          placeholder='介绍活动内容、要带什么等'
          onInput={(e) => update({ description: e.detail.value })}
          aria-label='活动介绍'
        />
      </View>
      <View className='field'>
        <View>联系电话（选填，居民可一键拨打）</View>
        <Input
          className='input'
          type='text'
          value={form.contactPhone}
          maxlength={20}
          placeholder='手机号，或带区号的固定电话，如 0535-6301234'
          onInput={(e) => update({ contactPhone: e.detail.value })}
          aria-label='联系电话'
        />
      </View>
    </View>
  );
}
