// The named scenarios' titles and lessons in Chinese, in the seed article's words (半消息, 二次确认, 反查, 死信队列,
// 幂等, 主事务, 从事务). Keyed by scenario name; the English text lives with each scenario (scenarios/named/).
// Punctuation is written ASCII here and made full-width by zhPunctuate when printed.

export interface ScenarioTextZh {
  readonly title: string;
  readonly lesson: string;
}

export const SCENARIO_TEXT_ZH: Readonly<Record<string, ScenarioTextZh>> = Object.freeze({
  'happy-path': {
    title: '可靠网络上的三笔优惠购:两笔各买一次目标基金,钱包余额不足的那笔干净地回滚。',
    lesson:
      '这就是种子文章里一切正常时的流程。业务系统先把半消息存到 Broker 上 (Prepare),消费端感知不到它;然后执行主事务,用钱包购买货币基金;再通知事务中心提交 (二次确认),这时消息才投递给目标基金服务,由它购买一次目标基金 (从事务)。主事务失败时 (o3 的金额超过钱包余额),业务系统发送回滚,半消息被丢弃:什么也没买,资金也没有变动。其余每个场景都是在这个场景上拿掉一点东西;把它们的轨迹和这个场景对照,就能看出反查、重试和幂等记录各自的用处。',
  },
  'lost-commit': {
    title: '提交消息在网络上丢失;30 s 后事务中心向生产者组反查,查到主事务已提交,于是提交消息。',
    lesson:
      'END_TRANSACTION 是单向的:业务系统不知道自己的提交丢了,半消息一直不可见。种子文章的反查机制正是为这种故障而设。事务中心不为每条消息设定时器;它的反查服务每隔 checkIntervalMs (30 s) 醒来一次,向生产者组询问每条超过 transactionTimeoutMs (6 s) 的半消息。回答来自主事务的持久化记录,所以组内任何实例都能回答;消息晚了半分钟才提交和投递,但只购买一次。',
  },
  'producer-crash-after-local-commit': {
    title: '主事务提交后、提交消息到达 Broker 前,业务系统宕机;重启之后,反查查到已提交的订单。',
    lesson:
      '种子文章用这个情形说明为什么简单的 "先执行主事务,再发消息" 行不通:业务系统可能在两步之间宕机,再也不发消息。用事务消息时,半消息已经在 Broker 上,事务中心会一直反查。第一次反查 (30 s 时) 发给了宕机的生产者,丢失了,但仍然计数;第二次在重启之后,由持久化的订单记录回答。宕机后留下来的是数据库里的东西,不是进程里的东西:回答必须来自持久化状态。',
  },
  'main-tx-fails': {
    title: '钱包余额少于订单金额:主事务失败,客户端立即得到结果,半消息被回滚,什么也不投递。',
    lesson:
      '种子文章 6.1 节:当一个领域事件很可能失败 (余额不足的支付),业务必须同步回答客户端,而不是放进一个永远不会成功的异步重试循环。余额检查是主事务的一部分;业务系统发送回滚,事务中心写下 op 记录,任何消费端都看不到这条半消息。客户端在同一次调用里、几毫秒之内得到结果。',
  },
  'unknown-then-commit': {
    title: '本地事务回答 UNKNOW;第一次反查仍回答未知,第二次回答提交,消息被投递。',
    lesson:
      'RocketMQ 自己的事务消息测试正是这样编排的:executeLocalTransaction 返回 UNKNOW (主事务仍在执行,或结果尚未可知),稍后由 checkLocalTransaction 回答。UNKNOW 在 Broker 上什么也不做,消息等下一轮:这里主事务在第二次反查时完成,比第一次晚 30 s,此后才购买目标基金。一个未知的回答要付出一个反查间隔的延迟,并用掉 15 次反查中的一次。',
  },
  'unknown-then-rollback': {
    title: '本地事务回答 UNKNOW;第二次反查回答回滚,半消息在无人看见的情况下被丢弃。',
    lesson:
      '这是 unknown-then-commit 的镜像:主事务最终被放弃,反查回答回滚,从未可见的消息保持不可见。没有扣款,也没有购买;这笔订单留下的只有两次反查。反查的回答必须是持久化记录的真实状态:在主事务仍可能提交时回答回滚,就是 apache/rocketmq#2694 的竞态。',
  },
  'check-max-exhausted': {
    title: '提交消息丢失,整个生产者组宕机十分钟:15 次反查全无回应,消息被搁置并告警,已提交的主事务永远等不到目标基金。',
    lesson:
      '反查不是无限的。反查 transactionCheckMax (15) 次、每次间隔 30 s、大约七分半钟之后,RocketMQ 停止询问,把半消息搁置到 TRANS_CHECK_MAX_TIME_TOPIC (旧版本直接丢弃)。即使没有生产者可问,计数也会增加。这里钱已经离开钱包进入货币基金,目标基金却始终没有购买:在运维恢复这条消息之前,原子性被打破。依赖反查的设计必须对被搁置的消息告警,并让生产者的停机时间短于反查窗口。',
  },
  'consumer-retry-then-success': {
    title: '目标基金服务失败三次;Broker 在 10 s、30 s 和 1 min 后重试,第四次投递购买了一次目标基金。',
    lesson:
      '种子文章第 5 节:消费失败按计划重试。RocketMQ 把失败的消息送回 Broker,Broker 按延迟级别 (第 3 级加上之前失败的次数:10 s、30 s、1 min、2 min……) 保留它,再通过消费组的重试队列投递,不受标签过滤影响。每次重试都是同一条消息、同一个事务 ID,这正是消费端能够保持幂等的前提。',
  },
  'poison-message-to-dlq': {
    title: '目标基金服务每次都失败:4 h 45 min 40 s 内投递 17 次,之后消息进入死信队列,并发出一次告警。',
    lesson:
      '重试 maxReconsumeTimes (16) 次之后,Broker 放弃,把消息放入 %DLQ%<group>。默认没有人消费死信队列:消息等人来处理。所以种子文章把死信队列和告警、业务介入放在一起。在那之前,投资者的钱停在货币基金里,目标基金没有购买,所以这次运行有意违反了原子性:设计的保证止于告警。在模拟中,这五个小时只用几毫秒。',
  },
  'duplicate-delivery-idempotent': {
    title: '一次投递两次到达目标基金服务;以事务 ID 为键的幂等记录让第二次通过,但不再购买。',
    lesson:
      'RocketMQ 至少投递一次:网络重发、丢失的确认、或消费端在持久化位点前重启,都会再次投递。种子文章的答案是从事务必须幂等,以唯一的事务 ID 为键。幂等记录和购买写在同一个本地事务里,所以第二次投递查到它,返回成功而不再购买。',
  },
  'duplicate-commit': {
    title: '提交消息两次到达 Broker;不保存每个事务状态的事务中心把消息写了两次,幂等的消费端只购买一次。',
    lesson:
      'RocketMQ 的 END_TRANSACTION 处理按偏移量查找半消息,并把它追加到真实主题;它不记得自己已经做过 (apache/rocketmq#5574、#8158)。两次提交,两条消息,同一个事务 ID。事务消息让生产端具备原子性,却不让投递变成恰好一次。用 "idempotentConsumer": false 运行可以看到重复购买,用 "transactionCenter": "idealized" 运行可以看到一个记得每个事务的事务中心。',
  },
  'no-unique-tx-id': {
    title: '没有唯一的事务 ID 时,确认丢失后重发的半消息留下两条 ID 不同的消息,目标基金被购买了两次。',
    lesson:
      '种子文章 6.2 节:如果业务在发起分布式事务时不确定一个唯一的事务 ID,下游就无法幂等,一次重试就会产生第二笔订单。这里 Broker 的 SEND_OK 丢失,生产者重发半消息,两份都被提交 (一份由生产者提交,一份由反查提交)。有 uniqueTxId 时它们共用一个 ID,消费端只购买一次;没有它,货币基金持仓变成负数。这个场景有意展示这一违反。',
  },
  'tag-routing': {
    title: '标签为 TagA、TagB、TagC 和无标签的订单恰好到达各自的订阅方:ops 订阅 TagA,customer-service 订阅 TagB,orchestration 订阅 TagC,compliance 订阅 TagA || TagC,data-center 订阅全部。',
    lesson:
      '种子文章 2.3 节:一个主题,标签作为第二级分类,每个下游系统订阅自己负责的标签。匹配是精确的、区分大小写;"TagA || TagC" 是两个标签;"*" 接收全部,包括无标签的消息,而无标签的消息不匹配任何标签列表。过滤先在 Broker 上按标签哈希进行,再在客户端按标签字符串进行;被过滤掉的消息同样推进消费组的位点。',
  },
  'mixed-subscriptions-in-group': {
    title: '目标基金消费组的两个实例订阅了不同的标签;Broker 只采用一个订阅,每个实例再按自己的订阅过滤,于是整个消费组悄无声息地跳过了消息。',
    lesson:
      'RocketMQ 对每个 (消费组, 主题) 只保存一个订阅,即最近一次心跳带来的那个,并把队列分给所有实例,不管它们订阅什么。TagA 消息被 Broker 的过滤丢掉 (消费组现在订阅 TagB);落在 TagA 实例所属队列上的 TagB 消息被该实例的过滤丢掉。两者都推进了位点:消息对整个消费组而言已经消失,而且哪里都没有报错 (apache/rocketmq#2836、#2954)。同一消费组的所有实例必须订阅一致。这个场景有意展示这一丢失。',
  },
  'broker-crash-async-flush': {
    title: '异步刷盘下,Broker 机器在提交后 200 ms 断电:半消息、已提交的消息和它的 op 记录都未刷盘,已提交的主事务丢失了它的消息。',
    lesson:
      'RocketMQ 默认的 flushDiskType 是 ASYNC_FLUSH:SEND_OK 表示消息在页缓存里,刷盘线程大约每 500 ms 写一次磁盘。Broker 进程崩溃不丢数据;机器宕机或断电会丢失未刷盘的尾部。这里那段尾部包含 o1 的全部内容,所以重启后既没有可反查的半消息,也没有可投递的消息:钱永远停在货币基金里。对资金流,RocketMQ 文档建议 SYNC_FLUSH 加 SYNC_MASTER 和从节点;用 "flush": "sync" 运行这个场景,可以看到消息保存了下来。',
  },
  'check-answered-by-other-producer': {
    title: '发送半消息的生产者宕机,它的提交也丢了;反查轮流发给组内实例,另一个实例根据共享的订单数据库回答提交。',
    lesson:
      'Broker 把反查发给生产者组的任意一个存活连接,而不是发送半消息的那个实例 (apache/rocketmq#9791)。只有当每个实例都能回答每个事务时这才安全:本地事务记录必须存在共享数据库里,而不是某个实例的内存里。这里第一次反查发给了宕机的实例,丢失了;下一次到达 producer-2,它读到已提交的订单,回答提交。',
  },
});
