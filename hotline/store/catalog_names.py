"""The demo company's catalogue in its customers' languages: product names and option values in Russian and
Chinese, for reading what a customer names ("верните чайник", "把键盘换成线性轴的").

Company data, one place: the dialogue matches these against the English names the store keeps; the store
itself stays in English. Several names per product where customers use several; stems for Russian (the
matcher looks for the stem, so "чайник", "чайника" and "чайником" all match). Chinese is read in simplified
(``languages/script``: 筆記型電腦 arrives as 笔记本电脑), so Taiwan's own words are listed where that table leaves
them as they are (笔电, 行动电源, 快煮壶, 蓝牙喇叭).
"""

from __future__ import annotations

PRODUCT_NAMES: dict[str, dict[str, list[str]]] = {
    "Action Camera": {
        "ru": ["экшн-камер", "экшн камер", "экшен-камер"],
        "zh": ["运动相机", "运动摄像机", "运动摄影机"],
    },
    "Air Purifier": {"ru": ["очистител", "воздухоочистител"], "zh": ["空气净化器", "净化器"]},
    "Backpack": {"ru": ["рюкзак", "рюкзач", "ранец", "ранц"], "zh": ["背包", "双肩包", "书包", "背囊"]},
    "Bicycle": {"ru": ["велосипед", "велик"], "zh": ["自行车", "单车"]},
    "Bluetooth Speaker": {
        "ru": ["колонк", "блютуз-колонк", "bluetooth-колонк"],
        "zh": ["蓝牙音箱", "音箱", "蓝牙音响", "音响", "蓝牙喇叭", "喇叭"],
    },
    "Bookshelf": {"ru": ["книжн", "стеллаж", "полк"], "zh": ["书架", "书柜"]},
    "Coffee Maker": {"ru": ["кофеварк", "кофевароч"], "zh": ["咖啡机", "咖啡壶"]},
    "Cycling Helmet": {"ru": ["шлем", "велошлем"], "zh": ["头盔", "骑行头盔"]},
    "Desk Lamp": {"ru": ["настольн", "ламп"], "zh": ["台灯", "桌灯", "书桌灯"]},
    "Digital Camera": {"ru": ["фотоаппарат", "фотик", "цифров"], "zh": ["数码相机", "相机"]},
    "Dumbbell Set": {"ru": ["гантел"], "zh": ["哑铃"]},
    "E-Reader": {"ru": ["электронн книг", "электронк", "читалк", "ридер"], "zh": ["电子书阅读器", "阅读器", "电纸书"]},
    "Electric Kettle": {
        "ru": ["электрочайник", "электрическ"],
        "zh": ["电热水壶", "电水壶", "电热壶", "热水壶", "快煮壶"],
    },
    "Electric Toothbrush": {"ru": ["зубн", "щётк", "щетк"], "zh": ["电动牙刷", "牙刷"]},
    "Espresso Machine": {"ru": ["эспрессо", "кофемашин"], "zh": ["意式咖啡机", "浓缩咖啡机"]},
    "Fleece Jacket": {"ru": ["флисов", "флиск", "куртк"], "zh": ["抓绒外套", "抓绒衣", "外套"]},
    "Gaming Mouse": {"ru": ["мышк", "мыш"], "zh": ["游戏鼠标", "鼠标"]},
    "Garden Hose": {"ru": ["шланг"], "zh": ["花园水管", "水管"]},
    "Grill": {"ru": ["гриль", "мангал", "барбекю"], "zh": ["烤架", "烧烤炉", "烤肉架"]},
    "Headphones": {"ru": ["наушник", "хедфон", "хэдфон"], "zh": ["耳机", "头戴式耳机"]},
    "Hiking Boots": {"ru": ["ботинк", "походн"], "zh": ["登山鞋", "徒步鞋", "登山靴"]},
    "Indoor Security Camera": {
        "ru": ["камер видеонаблюдени", "камер наблюдени", "камеру безопасности"],
        "zh": ["室内监控摄像头", "监控摄像头", "摄像头"],
    },
    "Jigsaw Puzzle": {"ru": ["пазл"], "zh": ["拼图"]},
    "LED Light Bulb": {"ru": ["светодиодн", "лампочк"], "zh": ["LED灯泡", "灯泡"]},
    "Laptop": {"ru": ["ноутбук", "ноут"], "zh": ["笔记本电脑", "手提电脑", "笔电"]},
    "Luggage Set": {"ru": ["чемодан", "багаж"], "zh": ["行李箱", "旅行箱"]},
    "Makeup Kit": {
        "ru": ["косметичк", "набор косметики", "косметическ набор", "макияж"],
        "zh": ["化妆套装", "化妆品套装", "彩妆"],
    },
    "Mechanical Keyboard": {"ru": ["клавиатур", "клава", "клаву", "клавы", "клавой"], "zh": ["机械键盘", "键盘"]},
    "Notebook": {"ru": ["блокнот", "тетрад"], "zh": ["笔记本", "记事本"]},
    "Office Chair": {"ru": ["кресл", "офисн", "стул"], "zh": ["办公椅", "电脑椅", "人体工学椅", "工学椅", "椅子"]},
    "Patio Umbrella": {"ru": ["зонт"], "zh": ["遮阳伞", "庭院伞"]},
    "Perfume": {"ru": ["духи", "парфюм"], "zh": ["香水"]},
    "Pet Bed": {"ru": ["лежанк", "лежак"], "zh": ["宠物床", "狗窝", "猫窝"]},
    "Portable Charger": {
        "ru": ["пауэрбанк", "павербанк", "повербанк", "зарядк", "аккумулятор"],
        "zh": ["充电宝", "移动电源", "行动电源"],
    },
    "Running Shoes": {"ru": ["беговы", "кроссовки для бега"], "zh": ["跑鞋", "跑步鞋"]},
    "Skateboard": {"ru": ["скейт"], "zh": ["滑板"]},
    "Smart Thermostat": {"ru": ["термостат", "терморегулятор"], "zh": ["智能温控器", "温控器", "恒温器"]},
    "Smart Watch": {"ru": ["умные часы", "умных час", "смарт-час", "смарт час"], "zh": ["智能手表", "智能腕表"]},
    "Smartphone": {"ru": ["смартфон", "телефон"], "zh": ["智能手机", "手机"]},
    "Sneakers": {"ru": ["кроссовк", "кеды", "сникер"], "zh": ["运动鞋", "球鞋"]},
    "Sunglasses": {"ru": ["солнцезащитн", "очки", "очков"], "zh": ["太阳镜", "墨镜", "太阳眼镜", "遮阳镜"]},
    "T-Shirt": {"ru": ["футболк", "майка", "майку", "майки", "маечк"], "zh": ["T恤", "t恤", "短袖"]},
    "Tablet": {"ru": ["планшет"], "zh": ["平板电脑", "平板"]},
    "Tea Kettle": {"ru": ["чайник"], "zh": ["茶壶", "烧水壶"]},
    "Vacuum Cleaner": {"ru": ["пылесос"], "zh": ["吸尘器", "扫地机"]},
    "Wall Clock": {"ru": ["настенн", "часы на стену"], "zh": ["挂钟", "墙钟"]},
    "Water Bottle": {"ru": ["бутылк", "бутылочк", "фляг", "фляжк"], "zh": ["水瓶", "水杯", "水壶", "保温瓶"]},
    "Wireless Earbuds": {
        "ru": [
            "беспроводные наушники",
            "беспроводных наушник",
            "наушники-вкладыши",
            "вкладыш",
            "tws-наушник",
            "tws наушник",
        ],
        "zh": ["无线耳机", "蓝牙耳机"],
    },
    "Wristwatch": {"ru": ["наручн", "часы", "часов"], "zh": ["手表", "腕表"]},
    "Yoga Mat": {"ru": ["коврик", "йог"], "zh": ["瑜伽垫", "瑜珈垫"]},
}

# Option values as customers say them; the store keeps the English value on the right.
OPTION_VALUES: dict[str, dict[str, list[str]]] = {
    "black": {"ru": ["чёрн", "черн"], "zh": ["黑色"]},
    "white": {"ru": ["бел"], "zh": ["白色"]},
    "blue": {"ru": ["син", "голуб"], "zh": ["蓝色"]},
    "red": {"ru": ["красн"], "zh": ["红色"]},
    "green": {"ru": ["зелён", "зелен"], "zh": ["绿色"]},
    "silver": {"ru": ["серебрист", "серебрян"], "zh": ["银色"]},
    "gold": {"ru": ["золот"], "zh": ["金色"]},
    "rose gold": {"ru": ["розовое золото", "розово-золот"], "zh": ["玫瑰金"]},
    "grey": {"ru": ["серый", "серого", "серую", "серым", "серая", "серое"], "zh": ["灰色"]},
    "space grey": {"ru": ["тёмно-сер", "космическ"], "zh": ["深空灰"]},
    "brown": {"ru": ["коричнев"], "zh": ["棕", "咖啡色"]},
    "pink": {"ru": ["розов"], "zh": ["粉色"]},
    "purple": {"ru": ["фиолетов"], "zh": ["紫色"]},
    "yellow": {"ru": ["жёлт", "желт"], "zh": ["黄色"]},
    "navy": {"ru": ["тёмно-син", "темно-син"], "zh": ["藏青", "海军蓝"]},
    "beige": {"ru": ["бежев"], "zh": ["米色"]},
    "large": {"ru": ["больш"], "zh": ["大号"]},
    "medium": {"ru": ["средн"], "zh": ["中号"]},
    "small": {"ru": ["маленьк", "небольш"], "zh": ["小号"]},
    "wired": {"ru": ["проводн"], "zh": ["有线"]},
    "wireless": {"ru": ["беспроводн"], "zh": ["无线"]},
    "leather": {"ru": ["кожан", "кожа", "кожи", "кожу"], "zh": ["皮质", "真皮"]},
    "glass": {"ru": ["стекл"], "zh": ["玻璃"]},
    "metal": {"ru": ["металл"], "zh": ["金属"]},
    "wood": {"ru": ["деревянн", "дерево"], "zh": ["木质", "木色"]},
    "plastic": {"ru": ["пластик"], "zh": ["塑料"]},
    "stainless steel": {"ru": ["нержаве", "стальн"], "zh": ["不锈钢"]},
    "ceramic": {"ru": ["керамическ", "керамик"], "zh": ["陶瓷"]},
    "bamboo": {"ru": ["бамбук"], "zh": ["竹制", "竹子"]},
    "cotton": {"ru": ["хлопков", "хлопок"], "zh": ["纯棉", "棉质"]},
    "waterproof": {"ru": ["водонепроницаем"], "zh": ["防水"]},
    "linear": {"ru": ["линейн"], "zh": ["线性"]},
    "clicky": {"ru": ["кликающ", "щёлкающ"], "zh": ["青轴", "段落"]},
    "tactile": {"ru": ["тактильн"], "zh": ["茶轴", "触感"]},
    "full size": {"ru": ["полноразмерн"], "zh": ["全尺寸"]},
    "mountain": {"ru": ["горн"], "zh": ["山地"]},
    "road": {"ru": ["шоссейн"], "zh": ["公路"]},
    "optical": {"ru": ["оптическ"], "zh": ["光学"]},
    "laser": {"ru": ["лазерн"], "zh": ["激光"]},
    "automatic": {"ru": ["автоматическ"], "zh": ["全自动"]},
    "manual": {"ru": ["ручн", "механическ"], "zh": ["手动"]},
    "capsule": {"ru": ["капсульн"], "zh": ["胶囊"]},
    "polyester": {"ru": ["полиэстер"], "zh": ["涤纶"]},
    "nylon": {"ru": ["нейлон"], "zh": ["尼龙"]},
    "synthetic": {"ru": ["синтетик", "синтетическ"], "zh": ["合成材料", "合成"]},
    "mesh": {"ru": ["сетк", "сетчат"], "zh": ["网布", "网眼"]},
    "rubber": {"ru": ["резин"], "zh": ["橡胶"]},
    "fabric": {"ru": ["ткан"], "zh": ["布料"]},
    "canvas": {"ru": ["холст"], "zh": ["帆布"]},
    "fleece": {"ru": ["флис"], "zh": ["抓绒"]},
}

# The grocery department (demo/grocery_department.json): kinds of product as customers name them, marked with the
# English word its products' names share ("яблоки" -> [Apple]: Golden Delicious Apple, Granny Smith Apple…). Kept
# apart from PRODUCT_NAMES, which the understanding head's training messages draw their products from.
DEPARTMENT_KINDS: dict[str, dict[str, list[str]]] = {
    "Apple Juice": {"ru": ["яблочн сок"], "zh": ["苹果汁"]},
    "Orange Juice": {"ru": ["апельсинов сок"], "zh": ["橙汁"]},
    "Grapefruit Juice": {"ru": ["грейпфрутов сок"], "zh": ["西柚汁", "葡萄柚汁"]},
    "Juice": {"ru": ["соки", "фруктов сок"], "zh": ["果汁"]},  # not "сок" alone: "сократить"
    "Apple": {"ru": ["яблок", "яблоч"], "zh": ["苹果"]},
    "Pear": {"ru": ["груш"], "zh": ["梨"]},
    "Banana": {"ru": ["банан"], "zh": ["香蕉"]},
    "Avocado": {"ru": ["авокадо"], "zh": ["牛油果", "鳄梨"]},
    "Watermelon": {"ru": ["арбуз"], "zh": ["西瓜"]},
    "Melon": {"ru": ["дын"], "zh": ["甜瓜", "哈密瓜", "蜜瓜"]},
    "Tomato": {"ru": ["помидор", "томат"], "zh": ["番茄", "西红柿"]},
    "Sweet Potato": {"ru": ["батат"], "zh": ["红薯", "地瓜", "番薯"]},
    "Potato": {"ru": ["картоф", "картошк"], "zh": ["土豆", "马铃薯"]},
    "Bell Pepper": {"ru": ["перец", "перц"], "zh": ["甜椒", "彩椒", "青椒"]},
    "Oat Milk": {"ru": ["овсян молок"], "zh": ["燕麦奶"]},
    "Soy Milk": {"ru": ["соев молок"], "zh": ["豆奶"]},
    "Sour Cream": {"ru": ["сметан"], "zh": ["酸奶油"]},
    "Milk": {"ru": ["молок"], "zh": ["牛奶"]},
    "Yoghurt": {"ru": ["йогурт"], "zh": ["酸奶"]},
    "Asparagus": {"ru": ["спарж"], "zh": ["芦笋"]},
    "Aubergine": {"ru": ["баклажан"], "zh": ["茄子"]},
    "Mushroom": {"ru": ["гриб", "шампиньон"], "zh": ["蘑菇"]},
    "Cabbage": {"ru": ["капуст"], "zh": ["卷心菜", "白菜", "包菜"]},
    "Carrots": {"ru": ["морков"], "zh": ["胡萝卜"]},
    "Cucumber": {"ru": ["огур"], "zh": ["黄瓜"]},
    "Garlic": {"ru": ["чеснок", "чесноч"], "zh": ["大蒜", "蒜"]},
    "Ginger": {"ru": ["имбир"], "zh": ["生姜", "姜"]},
    "Kiwi": {"ru": ["киви"], "zh": ["猕猴桃", "奇异果"]},
    "Leek": {"ru": ["порей"], "zh": ["韭葱"]},
    "Lemon": {"ru": ["лимон"], "zh": ["柠檬"]},
    "Lime": {"ru": ["лайм"], "zh": ["青柠"]},
    "Mango": {"ru": ["манго"], "zh": ["芒果"]},
    "Nectarine": {"ru": ["нектарин"], "zh": ["油桃"]},
    "Orange": {"ru": ["апельсин"], "zh": ["橙子"]},
    "Papaya": {"ru": ["папай"], "zh": ["木瓜"]},
    "Passion Fruit": {"ru": ["маракуй"], "zh": ["百香果"]},
    "Peach": {"ru": ["персик"], "zh": ["桃子"]},
    "Pineapple": {"ru": ["ананас"], "zh": ["菠萝", "凤梨"]},
    "Plum": {"ru": ["слива", "сливы", "сливу"], "zh": ["李子"]},
    "Pomegranate": {"ru": ["гранат"], "zh": ["石榴"]},
    "Red Beet": {"ru": ["свекл", "свёкл"], "zh": ["甜菜"]},
    "Grapefruit": {"ru": ["грейпфрут"], "zh": ["西柚", "葡萄柚"]},
    "Satsumas": {"ru": ["мандарин"], "zh": ["橘子", "蜜橘"]},
    "Onion": {"ru": ["лук"], "zh": ["洋葱"]},
    "Zucchini": {"ru": ["кабачк", "кабачок", "цукини"], "zh": ["西葫芦"]},
}

# How the bot names a product to a Russian-speaking customer (the nominative; the lists above are stems, for
# reading). Chinese shows the first Chinese name above.
SHOWN_RU: dict[str, str] = {
    "Action Camera": "экшн-камера",
    "Air Purifier": "очиститель воздуха",
    "Backpack": "рюкзак",
    "Bicycle": "велосипед",
    "Bluetooth Speaker": "Bluetooth-колонка",
    "Bookshelf": "книжный стеллаж",
    "Coffee Maker": "кофеварка",
    "Cycling Helmet": "велошлем",
    "Desk Lamp": "настольная лампа",
    "Digital Camera": "цифровой фотоаппарат",
    "Dumbbell Set": "набор гантелей",
    "E-Reader": "электронная книга",
    "Electric Kettle": "электрочайник",
    "Electric Toothbrush": "электрическая зубная щётка",
    "Espresso Machine": "кофемашина для эспрессо",
    "Fleece Jacket": "флисовая куртка",
    "Gaming Mouse": "игровая мышь",
    "Garden Hose": "садовый шланг",
    "Grill": "гриль",
    "Headphones": "наушники",
    "Hiking Boots": "походные ботинки",
    "Indoor Security Camera": "камера видеонаблюдения",
    "Jigsaw Puzzle": "пазл",
    "LED Light Bulb": "светодиодная лампочка",
    "Laptop": "ноутбук",
    "Luggage Set": "набор чемоданов",
    "Makeup Kit": "набор косметики",
    "Mechanical Keyboard": "механическая клавиатура",
    "Notebook": "блокнот",
    "Office Chair": "офисное кресло",
    "Patio Umbrella": "садовый зонт",
    "Perfume": "духи",
    "Pet Bed": "лежанка для питомца",
    "Portable Charger": "пауэрбанк",
    "Running Shoes": "беговые кроссовки",
    "Skateboard": "скейтборд",
    "Smart Thermostat": "умный термостат",
    "Smart Watch": "умные часы",
    "Smartphone": "смартфон",
    "Sneakers": "кроссовки",
    "Sunglasses": "солнцезащитные очки",
    "T-Shirt": "футболка",
    "Tablet": "планшет",
    "Tea Kettle": "чайник",
    "Vacuum Cleaner": "пылесос",
    "Wall Clock": "настенные часы",
    "Water Bottle": "бутылка для воды",
    "Wireless Earbuds": "беспроводные наушники",
    "Wristwatch": "наручные часы",
    "Yoga Mat": "коврик для йоги",
}


def shown_name(name: str, lang: str) -> str:
    """A product's name as the bot says it in the customer's language, with the store's English name after it (what
    the order's e-mail and the agent show): "походные ботинки (Hiking Boots)", "登山鞋（Hiking Boots）"; in English,
    and for a product without a name in that language, the store's name alone."""
    if lang == "ru" and name in SHOWN_RU:
        return f"{SHOWN_RU[name]} ({name})"
    if lang == "zh" and PRODUCT_NAMES.get(name, {}).get("zh"):
        return f"{PRODUCT_NAMES[name]['zh'][0]}（{name}）"
    return name


# How the bot says an option to a Russian- or Chinese-speaking customer. Option names; Russian values agree with
# their option's name (цвет красный, размер большой) or are nouns (материал кожа); Chinese values are the first
# reading name in OPTION_VALUES unless named here. A value not named stays the store's own ("A5", "drip"). Every
# value shown has a reading above, so a customer who answers with the bot's own word is understood.
OPTION_NAMES: dict[str, dict[str, str]] = {
    "color": {"ru": "цвет", "zh": "颜色"},
    "size": {"ru": "размер", "zh": "尺码"},
    "material": {"ru": "материал", "zh": "材质"},
    "capacity": {"ru": "объём", "zh": "容量"},
    "type": {"ru": "тип", "zh": "类型"},
    "storage": {"ru": "память", "zh": "存储"},
    "screen size": {"ru": "диагональ экрана", "zh": "屏幕尺寸"},
    "features": {"ru": "функции", "zh": "功能"},
    "connectivity": {"ru": "подключение", "zh": "连接方式"},
    "resolution": {"ru": "разрешение", "zh": "分辨率"},
    "waterproof": {"ru": "водонепроницаемость", "zh": "防水"},
    "length": {"ru": "длина", "zh": "长度"},
    "battery life": {"ru": "время работы", "zh": "续航"},
    "water resistance": {"ru": "водостойкость", "zh": "防水等级"},
    "switch type": {"ru": "тип переключателей", "zh": "轴体"},
    "backlight": {"ru": "подсветка", "zh": "背光"},
    "weight range": {"ru": "вес", "zh": "重量范围"},
    "height": {"ru": "высота", "zh": "高度"},
    "pieces": {"ru": "деталей", "zh": "块数"},
    "theme": {"ru": "тема", "zh": "主题"},
    "brand": {"ru": "бренд", "zh": "品牌"},
    "style": {"ru": "стиль", "zh": "风格"},
    "processor": {"ru": "процессор", "zh": "处理器"},
    "ram": {"ru": "оперативная память", "zh": "内存"},
    "RAM": {"ru": "оперативная память", "zh": "内存"},
    "design": {"ru": "дизайн", "zh": "设计"},
    "brightness": {"ru": "яркость", "zh": "亮度"},
    "power source": {"ru": "питание", "zh": "电源"},
    "band material": {"ru": "материал ремешка", "zh": "表带材质"},
}
SHOWN_VALUES: dict[str, dict[str, str]] = {
    "black": {"ru": "чёрный"},
    "white": {"ru": "белый"},
    "blue": {"ru": "синий"},
    "red": {"ru": "красный"},
    "green": {"ru": "зелёный"},
    "silver": {"ru": "серебристый"},
    "gold": {"ru": "золотой"},
    "rose gold": {"ru": "розовое золото"},
    "grey": {"ru": "серый"},
    "gray": {"ru": "серый", "zh": "灰色"},
    "space grey": {"ru": "тёмно-серый"},
    "brown": {"ru": "коричневый", "zh": "棕色"},
    "pink": {"ru": "розовый"},
    "purple": {"ru": "фиолетовый"},
    "yellow": {"ru": "жёлтый"},
    "navy": {"ru": "тёмно-синий"},
    "beige": {"ru": "бежевый"},
    "large": {"ru": "большой"},
    "medium": {"ru": "средний"},
    "small": {"ru": "маленький"},
    "full size": {"ru": "полноразмерный"},
    "wired": {"ru": "проводное"},
    "wireless": {"ru": "беспроводное"},
    "leather": {"ru": "кожа"},
    "glass": {"ru": "стекло"},
    "metal": {"ru": "металл"},
    "wood": {"ru": "дерево", "zh": "木质"},
    "plastic": {"ru": "пластик"},
    "stainless steel": {"ru": "нержавеющая сталь"},
    "ceramic": {"ru": "керамика"},
    "bamboo": {"ru": "бамбук"},
    "cotton": {"ru": "хлопок"},
    "polyester": {"ru": "полиэстер"},
    "nylon": {"ru": "нейлон"},
    "synthetic": {"ru": "синтетика"},
    "mesh": {"ru": "сетка"},
    "rubber": {"ru": "резина"},
    "fabric": {"ru": "ткань"},
    "canvas": {"ru": "холст"},
    "fleece": {"ru": "флис"},
    "mountain": {"ru": "горный"},
    "road": {"ru": "шоссейный"},
    "automatic": {"ru": "автоматический"},
    "manual": {"ru": "ручной"},
    "capsule": {"ru": "капсульный"},
    "linear": {"ru": "линейные"},
    "clicky": {"ru": "кликающие"},
    "tactile": {"ru": "тактильные"},
}


# Options whose value is a yes, a no or a none: said with what they are about ("не водонепроницаемые", "无背光")
SHOWN_FLAGS: dict[tuple[str, str], dict[str, str]] = {
    ("waterproof", "yes"): {"en": "waterproof", "ru": "водонепроницаемые", "zh": "防水"},
    ("waterproof", "no"): {"en": "not waterproof", "ru": "не водонепроницаемые", "zh": "不防水"},
    ("water resistance", "yes"): {"en": "water-resistant", "ru": "водостойкие", "zh": "防泼水"},
    ("water resistance", "no"): {"en": "not water-resistant", "ru": "не водостойкие", "zh": "不防泼水"},
    ("backlight", "none"): {"en": "no backlight", "ru": "без подсветки", "zh": "无背光"},
    ("armrest", "none"): {"en": "no armrests", "ru": "без подлокотников", "zh": "无扶手"},
    ("connectivity", "none"): {"en": "no connectivity", "ru": "без подключения", "zh": "无连接"},
    ("features", "none"): {"en": "no extra features", "ru": "без доп. функций", "zh": "无附加功能"},
}


def shown_value(value: object, lang: str) -> str:
    """An option value as the bot says it in the customer's language: "красный", "红色"; the store's own value in
    English and where no name is known ("A5", "polyester" in a language without it)."""
    text = str(value)
    if lang == "en":
        return text
    named = SHOWN_VALUES.get(text, {}).get(lang)
    if named is None and lang == "zh" and OPTION_VALUES.get(text, {}).get("zh"):
        named = OPTION_VALUES[text]["zh"][0]
    return named or text


def _flag(key: str, value: object, lang: str) -> str | None:
    """A yes, no or none option said with what it is about, where the language has words for it."""
    return SHOWN_FLAGS.get((key, str(value)), {}).get(lang)


def shown_option_name(key: str, lang: str) -> str:
    """An option's name in the customer's language: "color", "цвет", "颜色" (the store's key where none is known)."""
    return OPTION_NAMES.get(key, {}).get(lang, key)


def shown_option(key: str, value: object, lang: str) -> str:
    """An option with its name, as options are offered: "color red", "цвет красный", "颜色 红色" (a price may follow
    after a colon)."""
    if flag := _flag(key, value, lang):
        return flag
    return f"{shown_option_name(key, lang)} {shown_value(value, lang)}"


def shown_choice(key: str, value: object, lang: str) -> str:
    """An option value offered as a choice, a flag said with what it is about: "white", "无背光"."""
    return _flag(key, value, lang) or shown_value(value, lang)


def shown_options(options: dict[str, object], lang: str) -> str:
    """An item's option values, as an item is described: "black, leather", "чёрный, кожа", "黑色、皮质"."""
    said = [shown_choice(k, v, lang) for k, v in options.items()]
    return ("、" if lang == "zh" else ", ").join(said)
