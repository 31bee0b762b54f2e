import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { IMPORT_SHEET_NAMES, IMPORT_SHEETS, ImportRow, ImportSummary, ROW_FATE_LABELS, ROW_FATES, RowFateKind } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { confirmAction } from '../../confirm';
import { useAction } from '../../hooks/useAction';
import { usePagedQuery, useQuery } from '../../hooks/useQuery';
import { openFileUrl, pickXlsx, uploadFile } from '../../platform/cloudFiles';
import { Icon } from '../../components/Icon';

/**
 * 导入辖区信息 (district admins): the district's Excel lists in. Download the template (or the district
 * as it is), fill it in, choose the file: the preview shows every row's fate, and nothing is written
 * until the admin confirms. Applying goes a few rows per call, with its progress on screen.
 */
export default function ImportPage() {
  const setup = useQuery(async () => {
    const [me, districts] = await Promise.all([api.account.whoami({}), api.registry.listDistricts({})]);
    return { openid: me.openid, districts: districts.filter((d) => d.active) };
  }, []);
  const [districtId, setDistrictId] = useState<string | undefined>();
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const importing = useAction();
  // What the running step is doing, in words (the import's progress while it applies).
  const [progress, setProgress] = useState('');
  const busy = importing.busy;
  const run = (label: string, work: () => Promise<string | void>) => {
    setProgress(label);
    return importing.run(work);
  };
  const districts = setup.data?.districts ?? [];
  const district = districts.find((d) => d.id === districtId) ?? districts[0];
  const download = (kind: 'template' | 'export') =>
    run(kind === 'template' ? '正在生成模板…' : '正在导出…', async () => {
      const file = kind === 'template' ? await api.imports.template({}) : await api.imports.exportRegistry({ districtId: district!.id });
      await openFileUrl(file.url, file.fileName);
    });
  const choose = () =>
    run('正在读取文件…', async () => {
      const picked = await pickXlsx();
      if (!picked || !district || !setup.data) return;
      // A name of its own for each upload (the folder is the caller’s: the function reads only from it).
      const fileID = await uploadFile(picked, `imports/${setup.data.openid}/${Math.random().toString(36).slice(2)}.xlsx`);
      setSummary(await api.imports.preview({ districtId: district.id, fileID, fileName: picked.name }));
    });
  const apply = async (validOnly: boolean) => {
    if (!summary) return;
    const content = validOnly
      ? `文件里有 ${refusedOf(summary)} 行有错误，这些行不会导入。只导入正确的 ${summary.toApply} 行？`
      : `将写入 ${summary.toApply} 行（新增和有变化的），每一项都会记入操作记录。`;
    if (!(await confirmAction({ title: '确认导入', content, confirmText: '导入' }))) return;
    await run('正在导入…', async () => {
      let current = await api.imports.apply({ importId: summary.id, validOnly });
      setSummary(current);
      // Each call writes a few rows: call again until it is done, showing the progress. A call that moves
      // nothing (another run holds the import for a while) waits before the next; after a minute of that the
      // page stops asking: the cloud's timer finishes the import.
      let stalled = 0;
      while (current.state === 'applying' && stalled < STALLS_BEFORE_GIVING_UP) {
        const reached = current.applied + current.failed;
        setProgress(`正在导入 ${reached}/${current.toApply}…`);
        if (stalled > 0) await pause(STALL_PAUSE_MS);
        current = await api.imports.apply({ importId: summary.id, validOnly });
        setSummary(current);
        stalled = current.applied + current.failed > reached ? 0 : stalled + 1;
      }
      if (current.state === 'applying') return '导入仍在后台进行，几分钟内会完成，可在“操作记录”里查看写入的内容';
      Taro.showToast({ title: current.failed ? '导入完成，有失败的行' : '导入完成', icon: current.failed ? 'none' : 'success' });
    });
  };

  return (
    <Screen>
      <QueryView query={setup} empty={!district} emptyText='还没有登记区，请先在“辖区管理”里登记'>
        <View className='card'>
          <View className='t-title'>从 Excel 导入{district?.name ?? ''}的街道、社区、小区、服务队和服务站</View>
          {districts.length > 1 && (
            <ChoiceChips
              options={districts.map((d) => d.id)}
              labels={Object.fromEntries(districts.map((d) => [d.id, d.name]))}
              value={district?.id}
              onChange={(id) => id && (setDistrictId(id), setSummary(null))}
            />
          )}
          <View className='t-small'>先下载模板，按模板的表和列填写（一行一项），再选择填好的文件。导入前会先列出每一行的结果，确认后才写入。</View>
          <View className='row gap section-title'>
            <Button className='btn grow' disabled={busy} onClick={() => download('template')}>
              下载模板
            </Button>
            <Button className='btn grow' disabled={busy} onClick={() => download('export')}>
              导出现有数据
            </Button>
          </View>
          <Button className={`btn btn-block ${summary ? '' : 'btn-primary'}`} data-testid='choose-file' disabled={busy} onClick={choose}>
            {summary ? '重新选择文件' : '选择 Excel 文件（.xlsx，5 MB 以内）'}
          </Button>
          {busy && <View className='t-small section-title'>{progress}</View>}
          {importing.outcome?.ok && (
            <View className='t-small section-title' role='status'>
              {importing.outcome.text}
            </View>
          )}
          {importing.problem && (
            <View className='tag-warn section-title' role='alert'>
              <Icon name='warning' />
              {importing.problem}
            </View>
          )}
        </View>
        {summary && <Preview summary={summary} busy={busy} onApply={apply} />}
      </QueryView>
    </Screen>
  );
}

const STALL_PAUSE_MS = 3000;
const STALLS_BEFORE_GIVING_UP = 20;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const refusedOf = (s: ImportSummary) => IMPORT_SHEETS.reduce((n, sheet) => n + s.counts[sheet].refused, 0);

function Preview({ summary, busy, onApply }: { summary: ImportSummary; busy: boolean; onApply: (validOnly: boolean) => void }) {
  const [fate, setFate] = useState<RowFateKind | undefined>();
  const rows = usePagedQuery(
    (cursor) => api.imports.rows({ importId: summary.id, fate, cursor, pageSize: 20 }),
    [summary.id, summary.state, summary.applied, fate],
  );
  const refused = refusedOf(summary);
  const applying = summary.state === 'applying';
  return (
    <View data-testid='import-preview'>
      <View className='card'>
        <View className='t-title'>{summary.fileName}</View>
        {summary.fileProblems.length > 0 ? (
          <View role='alert'>
            <View className='tag-warn'>
              <Icon name='warning' />
              这个文件不能导入，请修改后重新选择：
            </View>
            {summary.fileProblems.map((p) => (
              <View key={p}>· {p}</View>
            ))}
          </View>
        ) : (
          <>
            {IMPORT_SHEETS.filter((sheet) => ROW_FATES.some((f) => summary.counts[sheet][f] > 0)).map((sheet) => (
              <View key={sheet} className='row gap wrap' data-testid='sheet-counts'>
                <Text className='t-title'>{IMPORT_SHEET_NAMES[sheet]}</Text>
                {ROW_FATES.filter((f) => summary.counts[sheet][f] > 0).map((f) => (
                  <Text key={f} className={f === 'refused' ? 'tag tag-warn' : 'tag'}>
                    {ROW_FATE_LABELS[f]} {summary.counts[sheet][f]}
                  </Text>
                ))}
              </View>
            ))}
            {summary.state === 'applied' ? (
              <View className='section-title' data-testid='import-done'>
                <Icon name='done' />
                已导入：成功 {summary.applied} 行{summary.failed ? `，失败 ${summary.failed} 行（原因见下方）` : ''}
              </View>
            ) : summary.toApply === 0 && refused === 0 ? (
              <View className='section-title'>文件和现有数据一致，不需要导入。</View>
            ) : refused > 0 ? (
              <>
                <View className='tag-warn section-title'>
                  <Icon name='warning' />有 {refused} 行有错误（见下方原因）。请改好后重新选择文件；也可以只导入正确的行。
                </View>
                <Button className='btn btn-block' disabled={busy || applying || summary.toApply === 0} onClick={() => onApply(true)}>
                  只导入正确的 {summary.toApply} 行
                </Button>
              </>
            ) : (
              <Button className='btn btn-primary btn-block section-title' data-testid='apply-import' disabled={busy} onClick={() => onApply(false)}>
                {applying ? '继续导入' : `确认导入 ${summary.toApply} 行`}
              </Button>
            )}
          </>
        )}
      </View>
      {summary.fileProblems.length === 0 && (
        <>
          <ChoiceChips options={ROW_FATES} labels={ROW_FATE_LABELS} value={fate} onChange={setFate} allLabel='全部' />
          <QueryView query={rows} empty={rows.items.length === 0} emptyText='没有这类行'>
            {rows.items.map((row) => (
              <RowCard key={`${row.sheet}-${row.row}`} row={row} />
            ))}
            <LoadMore list={rows} />
          </QueryView>
        </>
      )}
    </View>
  );
}

function RowCard({ row }: { row: ImportRow }) {
  return (
    <View className='card' data-testid='import-row'>
      <View className='row gap'>
        <Text className={row.fate === 'refused' || row.failure ? 'tag tag-warn' : 'tag'}>{row.failure ? '导入失败' : ROW_FATE_LABELS[row.fate]}</Text>
        <Text className='grow'>
          {IMPORT_SHEET_NAMES[row.sheet]} 第 {row.row} 行 · {row.title}
        </Text>
      </View>
      {row.reasons.map((reason) => (
        <View key={reason} className='t-small'>
          原因：{reason}
        </View>
      ))}
      {row.changes.map((c) => (
        <View key={c.label} className='t-small'>
          {c.label}：{c.before || '（空）'} → {c.after || '（空）'}
        </View>
      ))}
      {row.failure && <View className='t-small'>失败原因：{row.failure}</View>}
    </View>
  );
}
